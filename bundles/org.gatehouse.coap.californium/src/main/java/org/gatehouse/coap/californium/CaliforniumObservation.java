package org.gatehouse.coap.californium;

import java.util.function.Consumer;

import org.eclipse.californium.core.coap.Token;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Observe sent by us: its first response, and the consumer of the notifications after it. */
final class CaliforniumObservation implements Observation {

    private static final Logger LOG = LoggerFactory.getLogger(CaliforniumObservation.class);

    private final Consumer<CoapResponse> notifications;
    private final Consumer<CaliforniumObservation> onClose;
    private volatile Token token;
    private volatile CoapResponse response;
    private volatile boolean active = true;

    CaliforniumObservation(Consumer<CoapResponse> notifications, Consumer<CaliforniumObservation> onClose) {
        this.notifications = notifications;
        this.onClose = onClose;
    }

    void token(Token value) {
        token = value;
    }

    Token token() {
        return token;
    }

    /** The answer to the Observe request; false when the peer did not accept the Observe. */
    boolean first(CoapResponse first, boolean accepted) {
        response = first;
        if (!accepted) {
            active = false;
        }
        return accepted;
    }

    /** Hands a notification on; false when it was the last one (an error or a response without Observe). */
    boolean notification(CoapResponse notification, boolean goesOn) {
        if (!active) {
            return false;
        }
        active = goesOn;
        try {
            notifications.accept(notification);
        } catch (RuntimeException e) {
            LOG.error("Notification consumer failed on {}", notification, e);
        }
        return goesOn;
    }

    @Override
    public CoapResponse response() {
        return response;
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public void close() {
        if (active) {
            active = false;
            onClose.accept(this);
        }
    }
}
