package org.gatehouse.coap;

/**
 * A request could not be carried: timeout, handshake failure, unreachable peer, closed connection.
 *
 * @since 1.0.0
 */
public class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so that callers can decide whether a retry can help. */
    public enum Kind { TIMEOUT, HANDSHAKE_FAILED, UNREACHABLE, CLOSED, CONFIGURATION }

    private final Kind kind;

    public TransportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public TransportException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
