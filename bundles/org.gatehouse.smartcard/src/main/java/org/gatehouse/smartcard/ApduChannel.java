package org.gatehouse.smartcard;

/**
 * A channel to the card: the basic channel or a logical channel. The class byte of each command is
 * set to this channel's number. T=0 procedure bytes are handled below this interface: a {@code 61xx}
 * answer is followed by GET RESPONSE until the card has given everything, and a {@code 6Cxx} answer
 * makes the command go again with Le = xx; callers see only the final response. Implemented by reader
 * back-ends only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface ApduChannel extends AutoCloseable {

    /** 0 for the basic channel, 1..19 for a logical channel. */
    int number();

    /**
     * Sends a command and returns the card's final response.
     *
     * @throws SmartcardException {@link SmartcardException.Kind#REMOVED} when the card went away, and so on
     */
    ResponseApdu transmit(CommandApdu command) throws SmartcardException;

    /** Closes a logical channel (MANAGE CHANNEL close); nothing for the basic channel. Never throws. */
    @Override
    void close();
}
