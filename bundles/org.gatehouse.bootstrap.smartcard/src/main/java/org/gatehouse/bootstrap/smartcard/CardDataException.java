package org.gatehouse.bootstrap.smartcard;

/**
 * The card's LwM2M bootstrap data could not be used: the card has none ({@link #absent()}), or a file
 * on the path to it is malformed (the message names the file, the byte offset and the fault).
 *
 * @since 1.0.0
 */
public class CardDataException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean absent;

    public CardDataException(String message, boolean absent) {
        super(message);
        this.absent = absent;
    }

    /** True when the card simply holds no LwM2M bootstrap data (no PKCS#15 application, no bootstrap object). */
    public boolean absent() {
        return absent;
    }
}
