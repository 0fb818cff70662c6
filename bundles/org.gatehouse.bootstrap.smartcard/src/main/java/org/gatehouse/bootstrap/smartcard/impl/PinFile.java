package org.gatehouse.bootstrap.smartcard.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PIN from a file in etc/, read when needed (an edit applies at the next read). A PIN the card
 * refused is not presented again until the file says something else: each try costs one of the card's
 * few before it blocks. The PIN itself is never logged.
 */
final class PinFile implements CardWalk.Pin {

    private static final Logger LOG = LoggerFactory.getLogger(PinFile.class);

    private final Path file;
    private final int reference;
    private volatile String refused;

    PinFile(Path file, int reference) {
        this.file = file;
        this.reference = reference;
    }

    @Override
    public Optional<String> value() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String pin = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (pin.isEmpty() || pin.equals(refused)) {
                return Optional.empty();
            }
            return Optional.of(pin);
        } catch (IOException e) {
            LOG.warn("Cannot read the PIN file {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public int reference() {
        return reference;
    }

    @Override
    public void refused(String status) {
        refused = value().orElse(null);
        LOG.warn("The card refused the PIN from {} ({}); it is not presented again until the file changes", file, status);
    }
}
