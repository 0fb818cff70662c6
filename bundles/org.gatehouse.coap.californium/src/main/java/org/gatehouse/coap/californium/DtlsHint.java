package org.gatehouse.coap.californium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the gateway's connections use DTLS, remembered from one run to the next in the bundle's data area, so that
 * the start-up warm-up ({@link Warmup}) prepares DTLS only for a gateway that will need it: the first handshake of a
 * JVM costs some hundreds of milliseconds, and Scandium's classes a few MiB that a plain-CoAP gateway never needs.
 * Set by the first DTLS connection of a run; cleared at a normal stop by a run that opened plain-CoAP connections and
 * no DTLS one (the gateway moved to NoSec). Listeners do not count: a server role binds its DTLS socket at its start.
 */
final class DtlsHint {

    private static final Logger LOG = LoggerFactory.getLogger(DtlsHint.class);

    private final Path file;
    private final boolean previous;
    private final AtomicBoolean secure = new AtomicBoolean();
    private final AtomicBoolean plain = new AtomicBoolean();

    /** {@code file} null: nowhere to remember it (a transport made outside a framework). */
    DtlsHint(Path file) {
        this.file = file;
        this.previous = file != null && Files.exists(file);
    }

    /** Whether the previous run opened a DTLS connection. */
    boolean expected() {
        return previous;
    }

    /** A connection of this run opens, secure or not. */
    void opened(boolean dtls) {
        if (!(dtls ? secure : plain).compareAndSet(false, true) || !dtls || previous || file == null) {
            return;
        }
        try {
            Files.writeString(file, "a connection of the previous run used DTLS\n");
        } catch (IOException e) {
            LOG.debug("Cannot remember that DTLS is used ({}): the next start warms up plain CoAP only", e.toString());
        }
    }

    /** At a normal stop. */
    void close() {
        if (file != null && plain.get() && !secure.get()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("Cannot forget that DTLS was used: {}", e.toString());
            }
        }
    }
}
