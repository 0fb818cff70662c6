package org.gatehouse.bootstrap.smartcard;

import java.util.Optional;

import org.gatehouse.smartcard.SmartcardException;

/**
 * The smartcard bootstrap mode seen from outside: its status, and a read of a card without applying
 * it. Implemented by the smartcard mode only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface SmartcardBootstrap {

    SmartcardStatus status();

    /**
     * Reads and decodes the LwM2M bootstrap data of the card in {@code reader} (by name), or of the
     * first reader with a card; applies nothing.
     */
    CardContent read(Optional<String> reader) throws SmartcardException, CardDataException;
}
