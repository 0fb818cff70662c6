package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.junit.jupiter.api.Test;

/** bsserver:show never prints a secret of a configuration, wherever in the document it is. */
class MaskingTest {

    /** Valid for the parser: secret resources of Security as account extras and as an instance of "objects". */
    private static final String SECURITY_SECRETS = """
        {"endpoint": "gw-0002",
         "servers": [{"ssid": 1, "uri": "coap://a", "securityResources": {"5": "hex:5ec7e75ec7e7", "8": "hex:5350535053"}}],
         "objects": [{"path": "/0/7", "resources": {"0": "coaps://b", "5": "hex:0b1ec75ec7e7", "10": 7}}]}
        """;

    @Test
    void every_key_and_private_key_of_the_documented_example_is_masked() throws Exception {
        String masked = Masking.masked(ConfigParserTest.example().replace("\"16\": true", "\"16\": true}, \"securityResources\": {\"5\": \"hex:0102\""));
        assertFalse(masked.contains("000102030405060708090a0b0c0d0e0f"), masked);
        assertFalse(masked.contains("f0e0d0c0b0a090807060504030201000"), masked);
        assertFalse(masked.contains("hex:0102"), masked);
        assertTrue(masked.contains("\"identity\" : \"gw-0001-dm\""), masked);
        assertEquals(4, masked.split("\\*\\*\\*", -1).length - 1, masked);
    }

    @Test
    void secret_resources_of_security_and_oscore_are_masked_as_account_extras_and_as_objects() {
        String masked = Masking.masked(SECURITY_SECRETS.replace("]}", ", {\"path\": \"/21/0\", \"resources\": {\"0\": \"hex:05c0de5ec7e7\", "
            + "\"1\": \"hex:0102\"}}, {\"path\": \"/4/0\", \"resources\": {\"5\": 42}}]}"));
        for (String secret : new String[] {"5ec7e75ec7e7", "5350535053", "0b1ec75ec7e7", "05c0de5ec7e7"}) {
            assertFalse(masked.contains(secret), secret + " shown: " + masked);
        }
        assertTrue(masked.contains("\"0\" : \"coaps://b\"") && masked.contains("\"10\" : 7"), "what is not secret stays: " + masked);
        assertTrue(masked.contains("\"1\" : \"hex:0102\""), "the OSCORE sender id is not secret: " + masked);
        assertTrue(masked.contains("\"5\" : 42"), "resource 5 of another object is not a secret: " + masked);
    }

    @Test
    void a_missing_key_points_to_the_list_and_a_key_the_shell_expanded_to_quoting() {
        BsServerCommands commands = new BsServerCommands(new ConfigStore(new MemoryStorage(), ModelRegistry.of(CoreModels.all())),
            new MemoryStorage());
        assertEquals("No configuration gw-9; see bsserver:list.", commands.show("gw-9"));
        String expanded = commands.remove("[\"bin\" \"etc\"]");
        assertTrue(expanded.startsWith("No configuration [\"bin\" \"etc\"]; see bsserver:list.") && expanded.contains("bsserver:remove 'bench-*'"),
            expanded);
    }

    @Test
    void the_show_command_prints_the_stored_document_masked() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        ConfigStore configs = new ConfigStore(storage, ModelRegistry.of(CoreModels.all()));
        configs.put(ConfigParserTest.example());
        configs.put(SECURITY_SECRETS);
        BsServerCommands commands = new BsServerCommands(configs, storage);
        String shown = commands.show("gw-0001") + commands.show("gw-0002");
        for (String secret : new String[] {"000102030405060708090a0b0c0d0e0f", "f0e0d0c0b0a090807060504030201000", "5ec7e75ec7e7", "5350535053",
            "0b1ec75ec7e7"}) {
            assertFalse(shown.contains(secret), secret + " shown: " + shown);
        }
        assertTrue(shown.contains("\"endpoint\" : \"gw-0002\""), shown);
    }
}
