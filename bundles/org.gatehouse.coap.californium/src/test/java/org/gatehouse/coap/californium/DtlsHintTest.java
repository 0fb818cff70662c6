package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the next start's warm-up prepares: DTLS after a run whose connections used it, until a run uses plain CoAP only. */
class DtlsHintTest {

    @TempDir
    Path dir;

    @Test
    void remembers_a_dtls_connection_until_a_run_opens_plain_ones_only() {
        Path file = dir.resolve("dtls-used");
        DtlsHint first = new DtlsHint(file);
        assertFalse(first.expected(), "a first start knows nothing");
        first.opened(false);
        first.opened(true);
        first.close();
        assertTrue(new DtlsHint(file).expected(), "the previous run used DTLS");

        DtlsHint idle = new DtlsHint(file); // a run that connected nowhere proves nothing
        idle.close();
        DtlsHint plain = new DtlsHint(file);
        assertTrue(plain.expected());
        plain.opened(false);
        plain.close();
        assertFalse(Files.exists(file));
        assertFalse(new DtlsHint(file).expected(), "the gateway moved to plain CoAP");
    }

    @Test
    void a_dtls_connection_is_remembered_before_the_stop() {
        Path file = dir.resolve("dtls-used");
        new DtlsHint(file).opened(true); // no close: a kill keeps it
        assertTrue(new DtlsHint(file).expected());
        new DtlsHint(null).opened(true); // outside a framework: nowhere to remember, no error
    }
}
