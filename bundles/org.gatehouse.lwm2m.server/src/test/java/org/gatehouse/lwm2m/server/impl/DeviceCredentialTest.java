package org.gatehouse.lwm2m.server.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gatehouse.lwm2m.server.DeviceCredential;
import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;

class DeviceCredentialTest {

    @Test
    void equality_compares_the_key_bytes() {
        EqualsVerifier.forClass(DeviceCredential.class).suppress(Warning.NULL_FIELDS).verify();
    }

    @Test
    void the_key_never_shows_and_empty_parts_are_refused() {
        assertFalse(DeviceCredential.psk("dev", "id", new byte[] {(byte) 0xAB}).toString().toLowerCase().contains("ab"));
        assertThrows(IllegalArgumentException.class, () -> DeviceCredential.psk("dev", "id", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> DeviceCredential.psk("", "id", new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> DeviceCredential.x509(""));
        assertTrue(DeviceCredential.x509("dev").x509());
        assertFalse(DeviceCredential.rpk("dev", new byte[] {1}).x509());
    }
}
