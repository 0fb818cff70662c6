package org.gatehouse.smartcard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.smartcardio.CardException;

import org.gatehouse.smartcard.SmartcardException.Kind;
import org.junit.jupiter.api.Test;

/** What javax.smartcardio throws, as the API's kinds; pcscd gone and the library missing told apart. */
class PcscErrorsTest {

    private static CardException pcsc(String code) {
        return new CardException("transmit() failed", new Exception(code));
    }

    @Test
    void codes_map_to_kinds() {
        assertEquals(Kind.REMOVED, PcscErrors.kind(pcsc("SCARD_W_REMOVED_CARD")));
        assertEquals(Kind.REMOVED, PcscErrors.kind(pcsc("SCARD_W_RESET_CARD")));
        assertEquals(Kind.REMOVED, PcscErrors.kind(new IllegalStateException("Card has been disconnected")));
        assertEquals(Kind.UNAVAILABLE, PcscErrors.kind(pcsc("SCARD_E_NO_SERVICE")));
        assertEquals(Kind.BUSY, PcscErrors.kind(pcsc("SCARD_E_SHARING_VIOLATION")));
        assertEquals(Kind.IO, PcscErrors.kind(pcsc("SCARD_F_COMM_ERROR")));
        assertEquals("SCARD_F_COMM_ERROR", PcscErrors.code(pcsc("SCARD_F_COMM_ERROR")));
        assertTrue(PcscErrors.wrap("reading", pcsc("SCARD_W_REMOVED_CARD")).getMessage().startsWith("reading: the card was removed"));
    }

    @Test
    void the_service_gone_and_the_library_missing_are_told_apart() {
        assertTrue(PcscErrors.serviceGone(new java.security.NoSuchAlgorithmException("Error constructing", new Exception("SCARD_E_NO_SERVICE"))));
        assertFalse(PcscErrors.libraryMissing(pcsc("SCARD_E_NO_SERVICE")));
        assertTrue(PcscErrors.libraryMissing(new java.security.NoSuchAlgorithmException("x",
            new RuntimeException("PC/SC not available", new java.io.IOException("No PC/SC library found on this system")))));
    }
}
