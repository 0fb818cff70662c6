package org.gatehouse.coap.californium;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Response;

/**
 * Counts the answers to a peer's requests that have not left the socket yet, so that a connection
 * closed right after its handler returned (a run released by Bootstrap-Finish) still sends the 2.04.
 */
final class PendingResponses {

    private int pending;

    /** Called before the handler runs: the request now owes an answer. */
    synchronized void begin() {
        pending++;
    }

    /** Marks {@code response} as owed until it was sent, failed or was cancelled. */
    void track(Response response) {
        AtomicBoolean done = new AtomicBoolean();
        response.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onSent(boolean retransmission) {
                end();
            }

            @Override
            public void onSendError(Throwable error) {
                end();
            }

            @Override
            public void onCancel() {
                end();
            }

            private void end() {
                if (done.compareAndSet(false, true)) {
                    PendingResponses.this.end();
                }
            }
        });
    }

    /** For a request whose answer was never handed to Californium. */
    synchronized void end() {
        pending--;
        notifyAll();
    }

    /** Waits until every owed answer has left, or {@code limit} passed; true when none is owed. */
    synchronized boolean awaitNone(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (pending > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
