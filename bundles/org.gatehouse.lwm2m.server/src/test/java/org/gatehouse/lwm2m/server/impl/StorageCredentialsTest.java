package org.gatehouse.lwm2m.server.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.bsserver.storage.EndpointCredential.Kind;
import org.gatehouse.lwm2m.server.DeviceCredential;
import org.junit.jupiter.api.Test;

/** A stored LwM2M-server credential as the server checks it. */
class StorageCredentialsTest {

    @Test
    void each_kind_becomes_the_device_credential_of_its_mode() {
        assertEquals(Optional.of(DeviceCredential.psk("ep", "ep-id", new byte[] {1, 2})),
            StorageCredentials.toDevice(new EndpointCredential("ep", Kind.PSK, "ep-id", new byte[] {1, 2})));
        assertEquals(Optional.of(DeviceCredential.rpk("ep", new byte[] {1, 2, 3})),
            StorageCredentials.toDevice(new EndpointCredential("ep", Kind.RPK, "AQID", null)));
        assertEquals(Optional.of(DeviceCredential.x509("ep")), StorageCredentials.toDevice(new EndpointCredential("ep", Kind.X509, "ep", null)));
    }

    @Test
    void one_the_server_cannot_use_is_no_credential() {
        assertEquals(Optional.empty(), StorageCredentials.toDevice(new EndpointCredential("ep", Kind.X509, "other", null)), "CN is not the endpoint");
        assertEquals(Optional.empty(), StorageCredentials.toDevice(new EndpointCredential("ep", Kind.PSK, "ep-id", null)), "PSK without key");
        assertEquals(Optional.empty(), StorageCredentials.toDevice(new EndpointCredential("ep", Kind.RPK, "not base64!", null)));
    }
}
