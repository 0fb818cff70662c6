package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The server role over real loopback sockets, against a client made of plain Californium and
 * Scandium: in each security mode the handler sees who authenticated, and whoever the resolver does
 * not know never reaches the handler.
 */
class ListenerSecurityTest {

    private static final CaliforniumTransport TRANSPORT = Fixtures.transport();
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final TestResolver resolver = new TestResolver();
    private final List<Peer> heard = new CopyOnWriteArrayList<>();
    private final RequestHandler handler = RequestHandler.withPeer((request, peer) -> {
        heard.add(peer);
        return org.gatehouse.coap.CoapResponse.of(ResponseCode.CHANGED);
    });

    @AfterAll
    static void stop() {
        TRANSPORT.deactivate();
    }

    private Listener listen(ListenSecurity security) throws Exception {
        return TRANSPORT.listen(new ListenSpec("test listener", Fixtures.anyLoopbackPort(), security), handler);
    }

    private void assertHeard(CoapResponse response, PeerIdentity identity, PlainClient client) {
        assertEquals(CoAP.ResponseCode.CHANGED, response.getCode());
        assertEquals(1, heard.size());
        assertEquals(identity, heard.get(0).identity());
        assertEquals("127.0.0.1", heard.get(0).address().getAddress().getHostAddress());
    }

    private void assertRefused(CoapResponse response) {
        assertNull(response, "the handshake must fail");
        assertTrue(heard.isEmpty(), "the handler heard nobody");
    }

    @Test
    void nosec_listener_hears_anyone_without_an_identity() throws Exception {
        try (Listener l = TRANSPORT.listen(ListenSpec.coap("plain", Fixtures.anyLoopbackPort()), handler); PlainClient c = PlainClient.nosec()) {
            assertHeard(c.post(l.localAddress(), "/bs", new byte[0]), new PeerIdentity.None(), c);
        }
    }

    @Test
    void psk_client_is_seen_by_its_identity_and_a_wrong_key_or_unknown_identity_is_refused() throws Exception {
        resolver.psk.put("device-1", KEY);
        try (Listener l = listen(ListenSecurity.Dtls.psk(resolver))) {
            try (PlainClient wrongKey = PlainClient.psk("device-1", "fedcba9876543210".getBytes(StandardCharsets.US_ASCII))) {
                assertRefused(wrongKey.post(l.localAddress(), "/bs", new byte[0]));
            }
            try (PlainClient unknown = PlainClient.psk("device-2", KEY)) {
                assertRefused(unknown.post(l.localAddress(), "/bs", new byte[0]));
            }
            try (PlainClient good = PlainClient.psk("device-1", KEY)) {
                assertHeard(good.post(l.localAddress(), "/bs", new byte[0]), new PeerIdentity.Psk("device-1"), good);
            }
        }
    }

    @Test
    void a_key_added_to_the_store_counts_at_the_next_handshake() throws Exception {
        try (Listener l = listen(ListenSecurity.Dtls.psk(resolver))) {
            try (PlainClient c = PlainClient.psk("late", KEY)) {
                assertRefused(c.post(l.localAddress(), "/bs", new byte[0]));
            }
            resolver.psk.put("late", KEY);
            // a new socket: the refused handshake gets no alert, so the server may still hold it for the old address
            try (PlainClient c = PlainClient.psk("late", KEY)) {
                assertHeard(c.post(l.localAddress(), "/bs", new byte[0]), new PeerIdentity.Psk("late"), c);
            }
        }
    }

    @Test
    void rpk_client_is_seen_by_its_key_and_an_unknown_key_is_refused() throws Exception {
        KeyPair server = Fixtures.ec();
        KeyPair device = Fixtures.ec();
        resolver.publicKeys.add(ByteBuffer.wrap(device.getPublic().getEncoded()));
        try (Listener l = listen(ListenSecurity.Dtls.rpk(resolver, server.getPublic().getEncoded(), server.getPrivate().getEncoded()))) {
            try (PlainClient stranger = PlainClient.rpk(Fixtures.ec())) {
                assertRefused(stranger.post(l.localAddress(), "/bs", new byte[0]));
            }
            try (PlainClient good = PlainClient.rpk(device)) {
                CoapResponse response = good.post(l.localAddress(), "/bs", new byte[0]);
                assertHeard(response, new PeerIdentity.Rpk(device.getPublic().getEncoded()), good);
                assertArrayEquals(device.getPublic().getEncoded(), ((PeerIdentity.Rpk) heard.get(0).identity()).publicKey());
            }
        }
    }

    @Test
    void x509_client_is_seen_by_its_subject_and_untrusted_or_unaccepted_certificates_are_refused() throws Exception {
        Fixtures.Pki server = Fixtures.pki("server");
        Fixtures.Pki ca = Fixtures.pki("ca");
        resolver.anchors.add(ca.certificate());
        resolver.subjects.add("CN=gw-x509");
        try (Listener l = listen(ListenSecurity.Dtls.x509(resolver, server.chainDer(), server.privateKey()))) {
            try (PlainClient stranger = PlainClient.x509(Fixtures.pki("stranger"), ca.chain()[0])) {
                assertRefused(stranger.post(l.localAddress(), "/bs", new byte[0]));
            }
            try (PlainClient other = PlainClient.x509(Fixtures.pki("other"), ca.chain()[0])) {
                assertRefused(other.post(l.localAddress(), "/bs", new byte[0]));
            }
            try (PlainClient good = PlainClient.x509(Fixtures.pki("client"), ca.chain()[0])) {
                assertHeard(good.post(l.localAddress(), "/bs", new byte[0]), new PeerIdentity.X509("CN=gw-x509"), good);
            }
        }
    }

    @Test
    void x509_listener_without_trust_anchors_refuses_every_certificate() throws Exception {
        Fixtures.Pki server = Fixtures.pki("server");
        resolver.subjects.add("CN=gw-x509"); // accepted by name, but nothing to chain to: Scandium alone would trust all
        try (Listener l = listen(ListenSecurity.Dtls.x509(resolver, server.chainDer(), server.privateKey()));
             PlainClient c = PlainClient.x509(Fixtures.pki("client"), Fixtures.pki("ca").chain()[0])) {
            assertRefused(c.post(l.localAddress(), "/bs", new byte[0]));
        }
    }
}
