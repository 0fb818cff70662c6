package org.gatehouse.smartcard;

/**
 * A card or reader operation failed; {@link #kind()} says how, the message says what was being done.
 *
 * @since 1.0.0
 */
public class SmartcardException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** No card in the reader. */
        NO_CARD,
        /** The card was removed (or reset by someone else) during the operation. */
        REMOVED,
        /** Another session kept exclusive access for longer than allowed. */
        BUSY,
        /** The card refused the operation (e.g. no logical channel left). */
        REFUSED,
        /** The reader or the PC/SC service is gone, or does not answer. */
        UNAVAILABLE,
        /** A communication error with the card. */
        IO
    }

    private final Kind kind;

    public SmartcardException(Kind kind, String message) {
        this(kind, message, null);
    }

    public SmartcardException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind);
    }

    public Kind kind() {
        return kind;
    }
}
