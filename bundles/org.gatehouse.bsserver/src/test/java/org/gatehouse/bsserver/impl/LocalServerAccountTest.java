package org.gatehouse.bsserver.impl;

import static org.gatehouse.bsserver.storage.CredentialRole.LWM2M_SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.bsserver.storage.EndpointCredential.Kind;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.junit.jupiter.api.Test;

/** A {@code localServer} account records the device's credential for the gateway's LwM2M server, and only where it can. */
class LocalServerAccountTest {

    private final MemoryStorage storage = new MemoryStorage();
    private final ConfigStore configs = new ConfigStore(storage, ModelRegistry.of(CoreModels.all()));

    /** A document for {@code endpoint} with {@code servers}; an endpoint of its own has a bootstrap credential too. */
    private static String document(String endpoint, String servers) {
        String credential = endpoint.endsWith("*") ? ""
            : "\"credential\": {\"mode\": \"psk\", \"identity\": \"" + endpoint + "-bs\", \"key\": \"hex:0102\"}, ";
        return "{\"endpoint\": \"" + endpoint + "\", " + credential + "\"servers\": [" + servers + "]}";
    }

    private static String psk(boolean local, String identity) {
        return "{\"ssid\": 1, \"uri\": \"coaps://127.0.0.1:5686\", " + (local ? "\"localServer\": true, " : "")
            + "\"security\": {\"mode\": \"psk\", \"identity\": \"" + identity + "\", \"key\": \"hex:a1b2c3\"}}";
    }

    @Test
    void the_psk_of_the_local_server_account_is_stored_for_the_lwm2m_server_beside_the_bootstrap_one() throws Exception {
        configs.put(document("dev-1", psk(true, "dev-1-dm") + ", {\"ssid\": 2, \"uri\": \"coap://elsewhere\"}"));
        assertEquals(Optional.of(new EndpointCredential("dev-1", Kind.PSK, "dev-1-dm", HexFormat.of().parseHex("a1b2c3"))),
            storage.credential(LWM2M_SERVER, "dev-1"));
        assertEquals("dev-1-bs", storage.credential("dev-1").orElseThrow().identity(), "the bootstrap credential is its own");
    }

    @Test
    void an_account_not_marked_gives_the_lwm2m_server_nothing_and_a_new_document_takes_back_what_the_old_gave() throws Exception {
        configs.put(document("dev-1", psk(true, "dev-1-dm")));
        configs.put(document("dev-1", psk(false, "dev-1-dm")));
        assertEquals(Optional.empty(), storage.credential(LWM2M_SERVER, "dev-1"));
        configs.put(document("dev-1", psk(true, "dev-1-dm")));
        configs.put(document("dev-1", "{\"ssid\": 1, \"uri\": \"coap://127.0.0.1:5685\", \"localServer\": true}"));
        assertEquals(Optional.empty(), storage.credential(LWM2M_SERVER, "dev-1"), "NoSec: the device registers without credential");
    }

    @Test
    void removing_the_document_removes_its_lwm2m_server_credential() throws Exception {
        configs.put(document("dev-1", psk(true, "dev-1-dm")));
        assertTrue(configs.remove("dev-1"));
        assertEquals(Optional.empty(), storage.credential(LWM2M_SERVER, "dev-1"));
    }

    @Test
    void an_rpk_account_records_the_devices_public_key() throws Exception {
        configs.put(document("dev-r", "{\"ssid\": 1, \"uri\": \"coaps://h\", \"localServer\": true, \"security\": {\"mode\": \"rpk\","
            + " \"publicKey\": \"AQID\", \"privateKey\": \"BAUG\", \"serverPublicKey\": \"BwgJ\"}}"));
        assertEquals(Optional.of(new EndpointCredential("dev-r", Kind.RPK, "AQID", null)), storage.credential(LWM2M_SERVER, "dev-r"));
    }

    @Test
    void a_prefix_may_mark_a_nosec_account_but_not_one_with_a_key_and_two_marked_accounts_are_refused() throws Exception {
        configs.put(document("*", "{\"ssid\": 1, \"uri\": \"coap://127.0.0.1:5685\", \"localServer\": true}"));
        InvalidConfigException prefix = assertThrows(InvalidConfigException.class, () -> configs.put(document("plant-*", psk(true, "shared"))));
        assertEquals(List.of("servers[0].localServer: a prefix serves many devices, and a psk credential belongs to one; give each device its own "
            + "configuration for an account on the gateway's LwM2M server"), prefix.problems());
        InvalidConfigException twice = assertThrows(InvalidConfigException.class,
            () -> configs.put(document("dev-2", psk(true, "a") + ", " + psk(true, "b").replace("\"ssid\": 1", "\"ssid\": 2"))));
        assertEquals(List.of("servers[1].localServer: servers[0] is already the account on the gateway's LwM2M server; mark one account only"),
            twice.problems());
        assertEquals(Optional.empty(), storage.config("dev-2"), "a refused document changes nothing");
        assertEquals(Optional.empty(), storage.credential(LWM2M_SERVER, "dev-2"));
    }

    @Test
    void an_x509_account_needs_a_certificate_whose_cn_is_the_endpoint() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> configs.put(document("dev-x",
            "{\"ssid\": 1, \"uri\": \"coaps://h\", \"localServer\": true, \"security\": {\"mode\": \"x509\", \"certificate\": \"AQID\","
                + " \"privateKey\": \"BAUG\", \"serverCertificate\": \"BwgJ\"}}")));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("servers[0].localServer: security.certificate is no X.509 certificate"), e.problems().toString());
    }
}
