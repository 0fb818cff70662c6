package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SecurityResources;
import org.gatehouse.lwm2m.model.ServerResources;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

    private final ConfigParser parser = new ConfigParser(CoreModels.all());

    static String example() throws IOException {
        try (InputStream in = ConfigParserTest.class.getResourceAsStream("/gw-0001.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> problems(String json) {
        return assertThrows(InvalidConfigException.class, () -> parser.parse(json)).problems();
    }

    @Test
    void the_documented_example_parses_into_its_instances() throws Exception {
        EndpointConfig c = parser.parse(example());
        assertEquals("gw-0001", c.key());
        assertEquals(new EndpointCredential("gw-0001", EndpointCredential.Kind.PSK, "gw-0001",
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f")), c.credential().orElseThrow());
        assertEquals(ContentFormat.TLV, c.format().orElseThrow());
        assertEquals(List.of(LwM2mPath.ROOT), c.deletes());
        assertTrue(c.discover());
        assertEquals(List.of(LwM2mPath.of(1)), c.reads());
        assertEquals(List.of("/0/0", "/0/1", "/1/0", "/0/2", "/1/1", "/2/0", "/4/0"), c.writes().stream().map(w -> w.path().toString()).toList());

        LwM2mObjectInstance bs = c.writes().get(0).instance();
        assertEquals(Value.bool(true), value(bs, SecurityResources.BOOTSTRAP_SERVER));
        assertEquals(Value.integer(10), value(bs, SecurityResources.CLIENT_HOLD_OFF_TIME));
        LwM2mObjectInstance dm = c.writes().get(1).instance();
        assertEquals(Value.string("coaps://dm.example.com:5684"), value(dm, SecurityResources.SERVER_URI));
        assertEquals(Value.integer(Accounts.MODE_PSK), value(dm, SecurityResources.SECURITY_MODE));
        assertArrayEquals("gw-0001-dm".getBytes(StandardCharsets.UTF_8), value(dm, SecurityResources.PUBLIC_KEY_OR_IDENTITY).asBytes());
        assertEquals(Value.integer(101), value(dm, SecurityResources.SHORT_SERVER_ID));
        LwM2mObjectInstance server = c.writes().get(2).instance();
        assertEquals(Value.integer(300), value(server, ServerResources.LIFETIME));
        assertEquals(Value.bool(true), value(server, ServerResources.BOOTSTRAP_ON_REGISTRATION_FAILURE));
        LwM2mObjectInstance backup = c.writes().get(3).instance();
        assertEquals(Value.integer(Accounts.MODE_NOSEC), value(backup, SecurityResources.SECURITY_MODE));
        assertEquals(Value.string("U"), value(c.writes().get(4).instance(), ServerResources.BINDING));
    }

    private static Value value(LwM2mObjectInstance i, int resource) {
        return ((org.gatehouse.lwm2m.model.SingleResource) i.resource(resource)).value();
    }

    @Test
    void every_problem_is_reported_at_once_naming_its_field() {
        List<String> p = problems("""
            {"endpoint": "a*b", "contentFormat": "XML", "deleteFirst": ["/0/1/2"], "readFirst": ["/0"], "colour": 1,
             "servers": [{"ssid": 0, "uri": "coap://x"}, {"ssid": 5, "uri": "coap://y", "security": {"mode": "psk", "identity": "i", "key": "hex:00"}}]}
            """);
        assertEquals(7, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("colour: unknown field"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("endpoint: 'a*b'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("contentFormat: 'XML'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("deleteFirst: '/0/1/2'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("readFirst: Bootstrap-Read reaches /1 and /2 only")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("servers[0]: ssid: a whole number 1..65534")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("servers[1]: uri: 'coap://y' does not fit security mode 'psk'")), p.toString());
    }

    @Test
    void a_document_that_is_not_json_says_where() {
        assertTrue(problems("{\"endpoint\": ").get(0).startsWith("not JSON:"));
        assertEquals(List.of("the document must be one JSON object"), problems("[1]"));
    }

    @Test
    void acl_and_objects_must_be_lists() {
        List<String> p = problems("""
            {"endpoint": "e", "servers": [{"ssid": 1, "uri": "coap://a"}], "acl": {"objectId": 3}, "objects": 7}""");
        assertEquals(List.of("acl: a list [ {...}, ... ] is required, found OBJECT", "objects: a list [ {...}, ... ] is required, found NUMBER"), p);
    }

    @Test
    void a_configuration_without_server_account_is_refused() {
        assertTrue(problems("{\"endpoint\": \"e\"}").get(0).startsWith("servers: at least one server account"));
    }

    @Test
    void a_prefix_cannot_carry_a_credential() {
        List<String> p = problems("""
            {"endpoint": "plant-*", "credential": {"mode": "psk", "identity": "x", "key": "hex:00"}, "servers": [{"ssid": 1, "uri": "coap://s"}]}
            """);
        assertEquals(List.of("credential: a credential belongs to one endpoint; give it in that endpoint's own configuration"), p);
    }

    @Test
    void duplicate_ssids_and_instances_are_refused() {
        List<String> p = problems("""
            {"endpoint": "e", "servers": [{"ssid": 1, "uri": "coap://s"}, {"ssid": 1, "uri": "coap://t"},
             {"ssid": 2, "uri": "coap://u", "securityInstance": 1, "serverInstance": 0}]}
            """);
        assertTrue(p.contains("servers[1]: ssid 1 given twice"), p.toString());
        assertTrue(p.contains("/0/1: written twice; give the instances distinct ids"), p.toString());
        assertTrue(p.contains("/1/0: written twice; give the instances distinct ids"), p.toString());
    }

    @Test
    void objects_are_typed_by_their_model_and_unknown_ones_refused() {
        List<String> p = problems("""
            {"endpoint": "e", "servers": [{"ssid": 1, "uri": "coap://s"}],
             "objects": [{"path": "/3442/0", "resources": {"0": 1}}, {"path": "/4/0", "resources": {"2": "loud"}}, {"path": "/4/0", "resources": {"99": 1}}]}
            """);
        assertEquals(List.of("objects[0]: object 3442 has no model here; add its DDF file to etc/models",
            "objects[1]: resource 4/2: expected a whole number for INTEGER, found \"loud\"",
            "objects[2]: object 4 (Connectivity Monitoring) has no resource 99"), p);
    }

    @Test
    void keys_that_are_neither_hex_nor_base64_are_refused() {
        List<String> p = problems("""
            {"endpoint": "e", "credential": {"mode": "psk", "identity": "e", "key": "hex:xyz"}, "servers": [{"ssid": 1, "uri": "coap://s"}]}
            """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("credential: key: neither \"hex:…\" nor Base64"), p.toString());
    }

    @Test
    void rpk_and_x509_credentials_name_their_identity() throws Exception {
        EndpointConfig rpk = parser.parse("""
            {"endpoint": "r", "credential": {"mode": "rpk", "publicKey": "AQID"}, "servers": [{"ssid": 1, "uri": "coap://s"}]}
            """);
        assertEquals(new EndpointCredential("r", EndpointCredential.Kind.RPK, "AQID", null), rpk.credential().orElseThrow());
        EndpointConfig x509 = parser.parse("""
            {"endpoint": "x", "credential": {"mode": "x509", "cn": "x"}, "servers": [{"ssid": 1, "uri": "coap://s"}]}
            """);
        assertEquals(new EndpointCredential("x", EndpointCredential.Kind.X509, "x", null), x509.credential().orElseThrow());
    }
}
