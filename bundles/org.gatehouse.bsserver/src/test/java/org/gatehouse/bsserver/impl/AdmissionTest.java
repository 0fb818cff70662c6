package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;

import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private final MemoryStorage storage = new MemoryStorage();
    private final ConfigStore configs = new ConfigStore(storage, ModelRegistry.of(CoreModels.all()));
    private final Admission admission = new Admission(configs, storage, new ConfigParser(CoreModels.all()));

    @BeforeEach
    void configure() throws Exception {
        configs.put("""
            {"endpoint": "psk-1", "credential": {"mode": "psk", "identity": "id-1", "key": "hex:01"}, "servers": [{"ssid": 1, "uri": "coap://a"}]}""");
        configs.put("""
            {"endpoint": "psk-2", "credential": {"mode": "psk", "identity": "id-2", "key": "hex:02"}, "servers": [{"ssid": 1, "uri": "coap://a"}]}""");
        configs.put("""
            {"endpoint": "rpk-1", "credential": {"mode": "rpk", "publicKey": "AQID"}, "servers": [{"ssid": 1, "uri": "coap://a"}]}""");
        configs.put("""
            {"endpoint": "x509-1", "credential": {"mode": "x509", "cn": "x509-1"}, "servers": [{"ssid": 1, "uri": "coap://a"}]}""");
        configs.put("""
            {"endpoint": "plant-*", "servers": [{"ssid": 7, "uri": "coap://plant"}]}""");
        configs.put("""
            {"endpoint": "plant-9*", "servers": [{"ssid": 9, "uri": "coap://plant9"}]}""");
    }

    @Test
    void each_identity_is_admitted_for_its_own_endpoint() {
        assertEquals("psk-1", admission.decide(Optional.of("psk-1"), new PeerIdentity.Psk("id-1")).config().key());
        assertEquals("rpk-1", admission.decide(Optional.of("rpk-1"), new PeerIdentity.Rpk(Base64.getDecoder().decode("AQID"))).config().key());
        assertEquals("x509-1", admission.decide(Optional.of("x509-1"), new PeerIdentity.X509("CN=x509-1,O=Example")).config().key());
    }

    @Test
    void an_identity_of_another_endpoint_is_a_bad_request() {
        Admission.Decision d = admission.decide(Optional.of("psk-2"), new PeerIdentity.Psk("id-1"));
        assertFalse(d.admitted());
        assertEquals(ResponseCode.BAD_REQUEST, d.code());
        assertEquals("identity mismatch: PSK identity 'id-1' belongs to endpoint psk-1, not to psk-2", d.reason());
    }

    @Test
    void an_unknown_endpoint_is_a_bad_request() {
        Admission.Decision d = admission.decide(Optional.of("nobody"), new PeerIdentity.None());
        assertEquals(ResponseCode.BAD_REQUEST, d.code());
        assertEquals("unknown endpoint nobody: no configuration serves it", d.reason());
    }

    @Test
    void an_endpoint_with_a_credential_is_never_served_over_plain_coap() {
        Admission.Decision d = admission.decide(Optional.of("psk-1"), new PeerIdentity.None());
        assertEquals(ResponseCode.BAD_REQUEST, d.code());
        assertEquals("endpoint psk-1 authenticates with PSK; plain CoAP is refused", d.reason());
    }

    @Test
    void the_longest_prefix_serves_a_name_without_its_own_configuration() {
        assertEquals("plant-*", admission.decide(Optional.of("plant-17"), new PeerIdentity.None()).config().key());
        assertEquals("plant-9*", admission.decide(Optional.of("plant-93"), new PeerIdentity.None()).config().key());
    }

    @Test
    void a_catch_all_serves_what_no_own_configuration_or_prefix_serves() throws Exception {
        configs.put("""
            {"endpoint": "*", "servers": [{"ssid": 1, "uri": "coap://anyone"}]}""");
        assertEquals("*", admission.decide(Optional.of("nobody"), new PeerIdentity.None()).config().key());
        assertEquals("plant-*", admission.decide(Optional.of("plant-17"), new PeerIdentity.None()).config().key());
        assertEquals("psk-1", admission.decide(Optional.of("psk-1"), new PeerIdentity.Psk("id-1")).config().key());
    }

    @Test
    void without_ep_the_identity_names_the_endpoint() {
        assertTrue(admission.decide(Optional.empty(), new PeerIdentity.Psk("id-2")).admitted());
        assertEquals("no endpoint name: the request needs ?ep=<name>", admission.decide(Optional.empty(), new PeerIdentity.None()).reason());
    }
}
