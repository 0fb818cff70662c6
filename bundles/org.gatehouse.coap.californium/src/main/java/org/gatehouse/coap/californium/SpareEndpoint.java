package org.gatehouse.coap.californium;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain-CoAP endpoint started ahead of need. Starting one (a socket, its receiver and sender threads,
 * Californium's stack) takes 1–2 ms on a warm JVM and 2–4 ms in the middle of a bootstrap, and a gateway
 * opens its plain connections in pairs: the bootstrap server's, then the LwM2M server's right after
 * Bootstrap-Finish. So a plain connection that finds no spare has one started behind it for the next, on a
 * thread of the transport's that handlers may wait on (never the timer's: a start or a close takes
 * milliseconds); a connection that takes one does not, and a spare unused for {@code idle} is closed: a
 * registered gateway keeps no extra socket. Until taken, a spare answers any
 * request 4.01, as a connection answers a stranger. DTLS endpoints are not kept ahead: their connector
 * is made from the account's credentials.
 */
final class SpareEndpoint implements AutoCloseable {

    // Long enough for the pair (the registration follows a Finish within milliseconds), short enough that an idle gateway keeps none.
    static final Duration IDLE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(SpareEndpoint.class);

    /** A started endpoint and the switch its messages go through until a connection takes it. */
    record Spare(CoapEndpoint endpoint, Handoff deliverer) {
    }

    private final CaliforniumTransport.Setup setup;
    private final Executor maker;
    private final Duration idle;
    private final AtomicReference<Spare> ready = new AtomicReference<>();
    private final AtomicBoolean making = new AtomicBoolean();
    private volatile boolean closed;

    SpareEndpoint(CaliforniumTransport.Setup setup, Executor maker, Duration idle) {
        this.setup = setup;
        this.maker = maker;
        this.idle = idle;
    }

    /** The spare, or null when there is none; then one is started for the next call. */
    Spare take() {
        Spare spare = ready.getAndSet(null);
        if (spare == null) {
            prepare();
        }
        return spare;
    }

    /** The local port of the spare waiting, or -1 (tests). */
    int readyPort() {
        Spare spare = ready.get();
        return spare == null ? -1 : spare.endpoint().getAddress().getPort();
    }

    private void prepare() {
        if (closed || !making.compareAndSet(false, true)) {
            return;
        }
        try {
            maker.execute(this::make);
        } catch (RejectedExecutionException e) {
            making.set(false); // the transport is stopping
        }
    }

    private void make() {
        try {
            Handoff handoff = new Handoff();
            CoapEndpoint endpoint = new CoapEndpoint.Builder().setConnector(Connectors.plain(setup.client())).setConfiguration(setup.client())
                .build();
            endpoint.setMessageDeliverer(handoff);
            endpoint.setExecutors(setup.executor(), setup.timer());
            endpoint.start();
            Spare spare = new Spare(endpoint, handoff);
            if (!ready.compareAndSet(null, spare) || closed && ready.compareAndSet(spare, null)) {
                endpoint.destroy();
                return;
            }
            setup.timer().schedule(() -> run(() -> expire(spare)), idle.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException e) {
            LOG.debug("No spare endpoint started ({}): the next plain connection starts its own", e.toString());
        } finally {
            making.set(false);
        }
    }

    private void run(Runnable task) {
        try {
            maker.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the transport is stopping; its close destroys what is left
        }
    }

    private void expire(Spare spare) {
        if (ready.compareAndSet(spare, null)) {
            spare.endpoint().destroy();
        }
    }

    @Override
    public void close() {
        closed = true;
        Spare spare = ready.getAndSet(null);
        if (spare != null) {
            spare.endpoint().destroy();
        }
    }

    /** Delivers to the connection that took the endpoint; before that, refuses requests as from a stranger. */
    static final class Handoff implements MessageDeliverer {
        private volatile MessageDeliverer target;

        void to(MessageDeliverer deliverer) {
            target = deliverer;
        }

        @Override
        public void deliverRequest(Exchange exchange) {
            MessageDeliverer t = target;
            if (t != null) {
                t.deliverRequest(exchange);
            } else {
                Response refused = new Response(CoAP.ResponseCode.UNAUTHORIZED);
                refused.setPayload("unknown peer");
                exchange.sendResponse(refused);
            }
        }

        @Override
        public void deliverResponse(Exchange exchange, Response response) {
            MessageDeliverer t = target;
            if (t != null) {
                t.deliverResponse(exchange, response);
            } // else no request of this endpoint is outstanding: a spare sends none
        }
    }
}
