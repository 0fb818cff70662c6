package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and illegal requests over real sockets, each answered with the code the spec names and
 * the gateway's store left as it was (revision and content). Two gateways: one in a bootstrap
 * session opened by a raw bootstrap server ({@link RawPeer}), one registered with a raw LwM2M
 * server. The raw peers craft bytes no real server would send. Codes: the Bootstrap interface's
 * table and the Device Management interface's (Transport TS "Response Codes"), as summarised in
 * lwm2m-bootstrap-reference.md §4.3 and §6.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NegativeMatrixTest {

    private static final int TLV = 11542;
    private static final int SENML_JSON = 110;
    private static final int SENML_CBOR = 112;
    private static final int TEXT = 0;
    private static final int LINK = 40;
    private static final int NONE = CoapRequest.NONE;
    private static final Duration T = Duration.ofSeconds(30);

    private RawPeer bootstrapServer;
    private RawPeer server;
    private RawPeer stranger;
    private TestGateway inBootstrap;
    private TestGateway registered;
    private byte[] sessionLinks;

    /** One crafted request and the code it must get. */
    record Row(String name, CoapRequest request, ResponseCode expected) {
        @Override
        public String toString() {
            return name + " -> " + expected;
        }
    }

    private static Row row(String name, Method method, String path, int format, byte[] payload, ResponseCode expected) {
        return new Row(name, CoapRequest.of(method, path).withPayload(format, payload), expected);
    }

    private static Row row(String name, Method method, String path, ResponseCode expected) {
        return new Row(name, CoapRequest.of(method, path), expected);
    }

    private static byte[] bytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = (byte) b[i];
        }
        return r;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A well-formed TLV of one instance, for rows whose fault is elsewhere than in the bytes. */
    private static byte[] tlv(LwM2mPath path, LwM2mObjectInstance instance) {
        try {
            return new TlvCodec().encode(path, instance, CoreModels.all());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        bootstrapServer = new RawPeer("raw bootstrap server");
        server = new RawPeer("raw server");
        stranger = new RawPeer("stranger");

        inBootstrap = new TestGateway(dir.resolve("bootstrap"), "gw-matrix-bs",
            Map.of("attempts", 1, "request_timeout", 5000L, "finish_timeout", 600L));
        inBootstrap.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, bootstrapServer.uri(), null, null));
        inBootstrap.coordinator.start(Optional.empty());
        Awaitility.await("Bootstrap-Request").atMost(T).until(() -> bootstrapServer.gateway() != null);
        // the session's view, as Discover shows it: each refused request must leave it as it is
        sessionLinks = discoverAll();

        registered = new TestGateway(dir.resolve("dm"), "gw-matrix-dm", Map.of("attempts", 1));
        registered.write(LwM2mPath.of(0, 1), Accounts.serverSecurity(1, server.uri(), 101));
        registered.write(LwM2mPath.of(1, 1), Accounts.server(1, 101, 300, false, 1, 1, 86400));
        assertEquals(Phase.REGISTERED, registered.runSequence(T));
    }

    private byte[] discoverAll() throws Exception {
        CoapResponse r = bootstrapServer.send(CoapRequest.of(Method.GET, "/").withAccept(LINK));
        assertEquals(ResponseCode.CONTENT, r.code(), r.toString());
        return r.payload();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : Arrays.asList(inBootstrap, registered, bootstrapServer, server, stranger)) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the next one is closed all the same
            }
        }
    }

    Stream<Row> bootstrapRows() {
        LwM2mObjectInstance bsAgain = Accounts.bootstrapAccount(1, "coap://127.0.0.1:1", null, null);
        List<Row> rows = new ArrayList<>();
        // payloads that are not what their content format says: 4.00 "data does not match the expected format"
        rows.add(row("TLV of two 0xFF bytes", Method.PUT, "/0/1", TLV, bytes(0xFF, 0xFF), ResponseCode.BAD_REQUEST));
        rows.add(row("TLV whose length runs past the end", Method.PUT, "/0/1", TLV, bytes(0xC8, 0x00, 0x0A, 0x01), ResponseCode.BAD_REQUEST));
        rows.add(row("TLV truncated after a good instance", Method.PUT, "/0/1", TLV,
            Arrays.copyOf(tlv(LwM2mPath.of(0, 1), bsAgain), 7), ResponseCode.BAD_REQUEST));
        rows.add(row("SenML JSON that is not JSON", Method.PUT, "/0/1", SENML_JSON, text("{not json"), ResponseCode.BAD_REQUEST));
        rows.add(row("SenML JSON object instead of array", Method.PUT, "/0/1", SENML_JSON, text("{\"n\":\"0\",\"v\":1}"), ResponseCode.BAD_REQUEST));
        rows.add(row("SenML JSON record outside the target", Method.PUT, "/0/1", SENML_JSON, text("[{\"n\":\"/3/0/0\",\"vs\":\"x\"}]"),
            ResponseCode.BAD_REQUEST));
        rows.add(row("SenML JSON string for the Boolean /0/1/1", Method.PUT, "/0/1", SENML_JSON, text("[{\"n\":\"/0/1/1\",\"vs\":\"yes\"}]"),
            ResponseCode.BAD_REQUEST));
        rows.add(row("SenML CBOR break byte", Method.PUT, "/0/1", SENML_CBOR, bytes(0xFF), ResponseCode.BAD_REQUEST));
        rows.add(row("SenML CBOR array cut short", Method.PUT, "/0/1", SENML_CBOR, bytes(0x82, 0xA1, 0x00), ResponseCode.BAD_REQUEST));
        rows.add(row("SenML CBOR map instead of array", Method.PUT, "/0/1", SENML_CBOR, bytes(0xA1, 0x00, 0x61, 0x78), ResponseCode.BAD_REQUEST));
        rows.add(row("TLV instance holding garbage", Method.PUT, "/0/1", TLV, bytes(0x08, 0x01, 0x02, 0xFF, 0xFF), ResponseCode.BAD_REQUEST));
        rows.add(row("plain text for a whole instance", Method.PUT, "/0/1", TEXT, text("coap://x"), ResponseCode.BAD_REQUEST));
        // formats the gateway does not read: 4.15
        rows.add(row("unknown content format 9999", Method.PUT, "/0/1", 9999, bytes(0x00), ResponseCode.UNSUPPORTED_CONTENT_FORMAT));
        rows.add(row("link format is not a write format", Method.PUT, "/0/1", LINK, text("</0/1>"), ResponseCode.UNSUPPORTED_CONTENT_FORMAT));
        rows.add(row("no content format", Method.PUT, "/0/1", NONE, tlv(LwM2mPath.of(0, 1), bsAgain), ResponseCode.UNSUPPORTED_CONTENT_FORMAT));
        // paths: Bootstrap-Write has only 4.00 for a bad or unknown URI (4.05 is not among its codes)
        rows.add(row("Bootstrap-Write to /", Method.PUT, "/", TLV, tlv(LwM2mPath.of(0, 1), bsAgain), ResponseCode.BAD_REQUEST));
        rows.add(row("Bootstrap-Write to a resource instance", Method.PUT, "/0/1/0/0", TEXT, text("x"), ResponseCode.BAD_REQUEST));
        rows.add(row("Bootstrap-Write to a non-numeric path", Method.PUT, "/abc", TLV, bytes(0x00), ResponseCode.BAD_REQUEST));
        rows.add(row("Bootstrap-Write to instance 65535 (reserved)", Method.PUT, "/0/65535", TLV, tlv(LwM2mPath.of(0, 1), bsAgain),
            ResponseCode.BAD_REQUEST));
        rows.add(row("Bootstrap-Write to object 70000", Method.PUT, "/70000/0", TLV, bytes(0x00), ResponseCode.BAD_REQUEST));
        // S5 #153: an object or resource the client does not implement is 4.00 on Bootstrap-Write
        rows.add(row("Bootstrap-Write to an unknown object", Method.PUT, "/3442/0", TLV, bytes(0xC1, 0x00, 0x01), ResponseCode.BAD_REQUEST));
        rows.add(row("Bootstrap-Write to an unknown resource", Method.PUT, "/0/1/999", TEXT, text("x"), ResponseCode.BAD_REQUEST));
        // methods that are no Bootstrap-interface operation: 4.05
        rows.add(row("POST to an instance (Execute/Create)", Method.POST, "/0/1", TLV, tlv(LwM2mPath.of(0, 1), bsAgain),
            ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("FETCH", Method.FETCH, "/0", ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("iPATCH", Method.IPATCH, "/0/0", SENML_JSON, text("[]"), ResponseCode.METHOD_NOT_ALLOWED));
        // Bootstrap-Read: /1 and /2 only ("target not allowed" 4.05), no such instance 4.04, no such format 4.06
        rows.add(row("Bootstrap-Read of Security /0", Method.GET, "/0", ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("Bootstrap-Read of Device /3/0", Method.GET, "/3/0", ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("Bootstrap-Read of a resource /1/0/1", Method.GET, "/1/0/1", ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("Bootstrap-Read of a missing Server instance", Method.GET, "/1/77", ResponseCode.NOT_FOUND));
        rows.add(new Row("Bootstrap-Read in an unknown format", CoapRequest.of(Method.GET, "/1").withAccept(9999), ResponseCode.NOT_ACCEPTABLE));
        // Bootstrap-Discover: / or an object; an instance or resource path is 4.00, an unknown object 4.04
        rows.add(new Row("Bootstrap-Discover of an instance", CoapRequest.of(Method.GET, "/0/0").withAccept(LINK), ResponseCode.BAD_REQUEST));
        rows.add(new Row("Bootstrap-Discover of a resource", CoapRequest.of(Method.GET, "/0/0/1").withAccept(LINK), ResponseCode.BAD_REQUEST));
        rows.add(new Row("Bootstrap-Discover of an unknown object", CoapRequest.of(Method.GET, "/3442").withAccept(LINK), ResponseCode.NOT_FOUND));
        // Bootstrap-Delete: / , an object or an instance; anything else "bad or unknown URI" 4.00
        rows.add(row("Bootstrap-Delete of a resource", Method.DELETE, "/0/0/1", ResponseCode.BAD_REQUEST));
        rows.add(row("Bootstrap-Delete of a non-numeric path", Method.DELETE, "/x/y", ResponseCode.BAD_REQUEST));
        // Bootstrap-Finish on a configuration without a server account: 4.06, and the session stays open
        rows.add(row("Bootstrap-Finish without a server account", Method.POST, "/bs", ResponseCode.NOT_ACCEPTABLE));
        // larger than the gateway takes (8 KiB): 4.13 before any decoding
        rows.add(row("9 KiB Bootstrap-Write", Method.PUT, "/0/1", TLV, new byte[9000], ResponseCode.REQUEST_ENTITY_TOO_LARGE));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bootstrapRows")
    void bootstrap_interface(Row row) throws Exception {
        ObjectTree before = inBootstrap.store.snapshot();
        CoapResponse response = bootstrapServer.send(row.request());
        assertEquals(row.expected(), response.code(), row.request() + " answered " + response);
        assertEquals(before, inBootstrap.store.snapshot(), "the store is unchanged");
        assertArrayEquals(sessionLinks, discoverAll(), "the session's view is unchanged");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bootstrapRows")
    void bootstrap_interface_refuses_every_other_peer(Row row) throws Exception {
        ObjectTree before = inBootstrap.store.snapshot();
        CoapResponse response = stranger.send(bootstrapServer.gateway(), row.request());
        assertEquals(fromStranger(row), response.code(), row.request() + " from a stranger answered " + response);
        assertEquals(before, inBootstrap.store.snapshot(), "the store is unchanged");
    }

    /**
     * 4.01 from any other peer; an oversize body is refused 4.13 before the sender is looked at (the
     * body limit sits in front of every handler), which refuses it all the same.
     */
    private static ResponseCode fromStranger(Row row) {
        return row.expected() == ResponseCode.REQUEST_ENTITY_TOO_LARGE ? row.expected() : ResponseCode.UNAUTHORIZED;
    }

    Stream<Row> deviceManagementRows() {
        List<Row> rows = new ArrayList<>();
        // the Security object is invisible to servers: any DM operation on /0 is 4.01 (§6.1)
        rows.add(row("Read /0", Method.GET, "/0", ResponseCode.UNAUTHORIZED));
        rows.add(row("Read /0/1", Method.GET, "/0/1", ResponseCode.UNAUTHORIZED));
        rows.add(row("Read /0/1/5 (the secret key)", Method.GET, "/0/1/5", ResponseCode.UNAUTHORIZED));
        rows.add(row("Write /0/1/0", Method.PUT, "/0/1/0", TEXT, text("coap://evil"), ResponseCode.UNAUTHORIZED));
        rows.add(row("Create in /0", Method.POST, "/0", TLV, tlv(LwM2mPath.of(0, 7), Accounts.serverSecurity(7, "coap://evil", 7)),
            ResponseCode.UNAUTHORIZED));
        rows.add(row("Delete /0/1", Method.DELETE, "/0/1", ResponseCode.UNAUTHORIZED));
        rows.add(new Row("Discover /0", CoapRequest.of(Method.GET, "/0").withAccept(LINK), ResponseCode.UNAUTHORIZED));
        // operations a resource does not allow: 4.05
        rows.add(row("Write the read-only Manufacturer /3/0/0", Method.PUT, "/3/0/0", TEXT, text("x"), ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("Write the read-only Short Server ID /1/1/0", Method.PUT, "/1/1/0", TEXT, text("7"), ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("Execute the readable Manufacturer /3/0/0", Method.POST, "/3/0/0", ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("Read the executable Reboot /3/0/4", Method.GET, "/3/0/4", ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("Write the executable Reboot /3/0/4", Method.PUT, "/3/0/4", TEXT, text("1"), ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("Delete /", Method.DELETE, "/", ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("Delete the Device instance /3/0", Method.DELETE, "/3/0", ResponseCode.METHOD_NOT_ALLOWED));
        // Create has 4.00 for "target already exists" and 4.05 for "target not allowed"; a second instance of the
        // single-instance Device object is the former (the one instance there may be exists), as the gateway's
        // unit tests fix it
        rows.add(row("Create in the single-instance Device object", Method.POST, "/3", TLV, bytes(0x08, 0x01, 0x03, 0xC1, 0x0E, 0x78),
            ResponseCode.BAD_REQUEST));
        // Create of an instance that exists: 4.00 ("target already exists")
        rows.add(row("Create /1/1 that exists", Method.POST, "/1", TLV, tlv(LwM2mPath.of(1, 1), Accounts.server(1, 101, 300, false, 1, 1, 86400)),
            ResponseCode.BAD_REQUEST));
        // bad payloads and formats
        rows.add(row("Write /1/1 with broken TLV", Method.PUT, "/1/1", TLV, bytes(0xFF, 0xFF), ResponseCode.BAD_REQUEST));
        rows.add(row("Write /1/1 with broken SenML JSON", Method.PUT, "/1/1", SENML_JSON, text("[{"), ResponseCode.BAD_REQUEST));
        rows.add(row("Write /1/1 with broken SenML CBOR", Method.PUT, "/1/1", SENML_CBOR, bytes(0x9F, 0x00), ResponseCode.BAD_REQUEST));
        rows.add(row("Write text into the Integer lifetime /1/1/1", Method.PUT, "/1/1/1", TEXT, text("soon"), ResponseCode.BAD_REQUEST));
        rows.add(row("Write /1/1 in format 9999", Method.PUT, "/1/1", 9999, bytes(0x00), ResponseCode.UNSUPPORTED_CONTENT_FORMAT));
        rows.add(row("Write /1/1/1 without a content format", Method.PUT, "/1/1/1", NONE, text("60"), ResponseCode.UNSUPPORTED_CONTENT_FORMAT));
        rows.add(new Row("Read /3/0 in format 9999", CoapRequest.of(Method.GET, "/3/0").withAccept(9999), ResponseCode.NOT_ACCEPTABLE));
        // paths
        rows.add(row("Read an unknown object /3442", Method.GET, "/3442", ResponseCode.NOT_FOUND));
        rows.add(row("Read a missing instance /3/5", Method.GET, "/3/5", ResponseCode.NOT_FOUND));
        rows.add(row("Read an unknown resource /3/0/999", Method.GET, "/3/0/999", ResponseCode.NOT_FOUND));
        // DM Read's codes have 4.04 "URI not found"; no object lives at a non-numeric URI (the Bootstrap interface,
        // whose table has only 4.00 for a bad URI, answers 4.00)
        rows.add(row("Read a non-numeric path", Method.GET, "/abc", ResponseCode.NOT_FOUND));
        rows.add(row("Write a missing instance /1/9/1", Method.PUT, "/1/9/1", TEXT, text("60"), ResponseCode.NOT_FOUND));
        // queries: the gateway implements no Write-Attributes; 4.05 is that operation's code for a target that does
        // not allow it. (Discover's depth is LwM2M 1.2; this 1.1 client ignores the query, as CoAP has it.)
        rows.add(new Row("Write-Attributes pmin=abc", CoapRequest.of(Method.PUT, "/3/0/9").withQuery(List.of("pmin=abc")),
            ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(new Row("Write-Attributes pmin=10 on the Server object", CoapRequest.of(Method.PUT, "/1/1").withQuery(List.of("pmin=10")),
            ResponseCode.METHOD_NOT_ALLOWED));
        rows.add(row("Execute on a resource instance /3/0/4/0", Method.POST, "/3/0/4/0", ResponseCode.METHOD_NOT_ALLOWED));
        // POST on an instance is no Execute but a partial-update Write; without a Content-Format it is 4.15
        rows.add(row("POST /3/0 without payload or format", Method.POST, "/3/0", ResponseCode.UNSUPPORTED_CONTENT_FORMAT));
        // oversize
        rows.add(row("9 KiB Write", Method.PUT, "/1/1", TLV, new byte[9000], ResponseCode.REQUEST_ENTITY_TOO_LARGE));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviceManagementRows")
    void device_management_interface(Row row) throws Exception {
        ObjectTree before = registered.store.snapshot();
        CoapResponse response = server.send(row.request());
        assertEquals(row.expected(), response.code(), row.request() + " answered " + response);
        assertEquals(before, registered.store.snapshot(), "the store is unchanged");
    }

    /** The registration's endpoint hears only its server: everyone else gets 4.01 whatever they send. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deviceManagementRows")
    void device_management_refuses_every_other_peer(Row row) throws Exception {
        ObjectTree before = registered.store.snapshot();
        CoapResponse response = stranger.send(server.gateway(), row.request());
        assertEquals(fromStranger(row), response.code(), row.request() + " from a stranger answered " + response);
        assertEquals(before, registered.store.snapshot(), "the store is unchanged");
    }
}
