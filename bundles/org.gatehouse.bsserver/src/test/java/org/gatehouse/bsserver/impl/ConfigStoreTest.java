package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.junit.jupiter.api.Test;

class ConfigStoreTest {

    private final MemoryStorage storage = new MemoryStorage();
    private final ConfigStore configs = new ConfigStore(storage, ModelRegistry.of(CoreModels.all()));

    @Test
    void a_stored_configuration_brings_its_credential() throws Exception {
        configs.put(ConfigParserTest.example());
        assertEquals(1, storage.config("gw-0001").orElseThrow().revision());
        assertEquals(EndpointCredential.Kind.PSK, storage.credentialByIdentity(EndpointCredential.Kind.PSK, "gw-0001").orElseThrow().kind());
    }

    @Test
    void a_refused_document_changes_nothing() throws Exception {
        configs.put(ConfigParserTest.example());
        String broken = ConfigParserTest.example().replace("\"ssid\": 101", "\"ssid\": -1").replace("\"identity\": \"gw-0001\"", "\"identity\": \"other\"");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> configs.put(broken));
        assertTrue(e.getMessage().contains("servers[0]: ssid"), e.getMessage());
        assertEquals(ConfigParserTest.example(), storage.config("gw-0001").orElseThrow().json());
        assertTrue(storage.credentialByIdentity(EndpointCredential.Kind.PSK, "gw-0001").isPresent());
        assertTrue(storage.credentialByIdentity(EndpointCredential.Kind.PSK, "other").isEmpty());
    }

    @Test
    void a_configuration_without_credential_drops_the_previous_one() throws Exception {
        configs.put(ConfigParserTest.example());
        configs.put("{\"endpoint\": \"gw-0001\", \"servers\": [{\"ssid\": 1, \"uri\": \"coap://a\"}]}");
        assertEquals(2, storage.config("gw-0001").orElseThrow().revision());
        assertEquals(Optional.empty(), storage.credential("gw-0001"));
    }

    @Test
    void remove_takes_the_credential_too() throws Exception {
        configs.put(ConfigParserTest.example());
        assertTrue(configs.remove("gw-0001"));
        assertFalse(configs.remove("gw-0001"));
        assertEquals(Optional.empty(), storage.credential("gw-0001"));
        assertTrue(configs.list().isEmpty());
    }
}
