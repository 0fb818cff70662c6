package org.gatehouse.smartcard;

/**
 * An exclusive connection to the card in a reader. Not thread-safe: one thread exchanges APDUs at a
 * time. Implemented by reader back-ends only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface CardSession extends AutoCloseable {

    /** The card's Answer To Reset. */
    byte[] atr();

    /** The basic channel (0), always open. */
    ApduChannel basicChannel();

    /**
     * Opens a logical channel (MANAGE CHANNEL open); the card chooses its number. Closed by
     * {@link ApduChannel#close()} (MANAGE CHANNEL close), or with the session.
     *
     * @throws SmartcardException {@link SmartcardException.Kind#REFUSED} when the card has no channel left
     */
    ApduChannel openLogicalChannel() throws SmartcardException;

    /** How many APDUs this session exchanged with the card, GET RESPONSE and re-issued commands included. */
    int apduCount();

    /** Closes the logical channels still open, ends exclusive access and disconnects, without resetting the card. */
    @Override
    void close();
}
