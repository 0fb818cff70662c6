package org.gatehouse.smartcard;

import java.time.Duration;
import java.util.Optional;

/**
 * A card reader (a PC/SC reader, a modem's SIM slot), published as a service for as long as the reader
 * is there. Card insertion and removal change the service properties {@value #CARD_PRESENT},
 * {@value #CARD_ATR} and {@value #CARD_INSERTIONS}, so consumers follow them through the service's
 * MODIFIED events (a DS reference's {@code updated} method). Implemented by reader back-ends only:
 * consumers never implement it.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface CardReader {

    /** Service property (String): the reader's name, as the system knows it (e.g. "Virtual PCD 00 00"). */
    String NAME = "smartcard.reader";

    /** Service property (Boolean): a card is in the reader. */
    String CARD_PRESENT = "smartcard.card.present";

    /** Service property (String, upper-case hex): the ATR of the card in the reader; absent without a card. */
    String CARD_ATR = "smartcard.card.atr";

    /**
     * Service property (Long): how many times a card was seen arriving in this reader since the service
     * was registered. A consumer that remembers it knows when the card may have been exchanged, even
     * when it missed the removal.
     */
    String CARD_INSERTIONS = "smartcard.card.insertions";

    String name();

    boolean cardPresent();

    /** The ATR of the card in the reader, when there is one. */
    Optional<byte[]> atr();

    /** See {@link #CARD_INSERTIONS}. */
    long insertions();

    /**
     * Connects to the card with exclusive access: no other session (of this process or another one
     * using the same reader) exchanges APDUs with the card until {@link CardSession#close()}.
     *
     * @param wait how long to wait for another session's exclusive access to end
     * @throws SmartcardException {@link SmartcardException.Kind#NO_CARD} without a card,
     *         {@link SmartcardException.Kind#BUSY} when the card stayed busy for {@code wait}, and so on
     */
    CardSession open(Duration wait) throws SmartcardException;
}
