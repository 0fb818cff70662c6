package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The LwM2M 1.0 push: the gateway listens with the credentials of its bootstrap-server account
 * ({@link ListenSpec#forAccount}), the bootstrap server connects as the DTLS client and writes.
 * Exactly the account's peer gets through; anyone else fails the handshake.
 */
class PushListenerTest {

    private static final CaliforniumTransport TRANSPORT = Fixtures.transport();
    private static final CaliforniumTransport STRANGERS = Fixtures.impatientTransport();
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final List<Peer> pushedBy = new CopyOnWriteArrayList<>();
    private final RequestHandler gateway = RequestHandler.withPeer((request, peer) -> {
        pushedBy.add(peer);
        return CoapResponse.of(ResponseCode.CHANGED);
    });

    @AfterAll
    static void stop() {
        TRANSPORT.deactivate();
        STRANGERS.deactivate();
    }

    /** The bootstrap server pushes a Write with {@code security}; the response code, or the transport's refusal. */
    private ResponseCode push(Listener listener, PeerSecurity security) throws TransportException {
        return push(TRANSPORT, listener, security);
    }

    private static ResponseCode push(CaliforniumTransport transport, Listener listener, PeerSecurity security) throws TransportException {
        try (Connection bs = transport.open(new PeerSpec("gateway", URI.create("coaps://127.0.0.1:" + listener.localAddress().getPort()), security),
                RequestHandler.REFUSE)) {
            return bs.send(CoapRequest.of(Method.PUT, "/0/1").withPayload(11542, new byte[] {1}), Duration.ofSeconds(3)).code();
        }
    }

    private void assertOnlyRefused(Listener listener, PeerSecurity stranger) {
        TransportException e = assertThrows(TransportException.class, () -> push(STRANGERS, listener, stranger));
        assertTrue(e.kind() == TransportException.Kind.HANDSHAKE_FAILED || e.kind() == TransportException.Kind.TIMEOUT, e.getMessage());
        assertTrue(pushedBy.isEmpty(), "nothing reached the gateway");
    }

    @Test
    void psk_account_accepts_its_identity_and_key_only() throws Exception {
        PeerSecurity.Psk account = new PeerSecurity.Psk("gw-identity", KEY);
        try (Listener listener = TRANSPORT.listen(ListenSpec.forAccount("1.0 push", Fixtures.anyLoopbackPort(), account), gateway)) {
            assertOnlyRefused(listener, new PeerSecurity.Psk("gw-identity", "another key 1234".getBytes(StandardCharsets.US_ASCII)));
            assertOnlyRefused(listener, new PeerSecurity.Psk("someone", KEY));
            assertEquals(ResponseCode.CHANGED, push(listener, account));
            assertEquals(List.of(new PeerIdentity.Psk("gw-identity")), pushedBy.stream().map(Peer::identity).toList());
        }
    }

    @Test
    void rpk_account_accepts_the_bootstrap_servers_key_only() throws Exception {
        KeyPair gw = Fixtures.ec();
        KeyPair bs = Fixtures.ec();
        PeerSecurity.Rpk account = new PeerSecurity.Rpk(gw.getPublic().getEncoded(), gw.getPrivate().getEncoded(), bs.getPublic().getEncoded());
        try (Listener listener = TRANSPORT.listen(ListenSpec.forAccount("1.0 push", Fixtures.anyLoopbackPort(), account), gateway)) {
            KeyPair stranger = Fixtures.ec();
            assertOnlyRefused(listener, new PeerSecurity.Rpk(stranger.getPublic().getEncoded(), stranger.getPrivate().getEncoded(),
                gw.getPublic().getEncoded()));
            assertEquals(ResponseCode.CHANGED, push(listener, new PeerSecurity.Rpk(bs.getPublic().getEncoded(), bs.getPrivate().getEncoded(),
                gw.getPublic().getEncoded())));
            assertEquals(List.of(new PeerIdentity.Rpk(bs.getPublic().getEncoded())), pushedBy.stream().map(Peer::identity).toList());
        }
    }

    @Test
    void x509_account_with_a_pinned_certificate_accepts_that_certificate_only() throws Exception {
        Fixtures.Pki gw = Fixtures.pki("server");
        Fixtures.Pki bs = Fixtures.pki("client");
        byte[] ca = Fixtures.pki("ca").certificate();
        // Certificate usage 3: the account pins the bootstrap server's own certificate.
        PeerSecurity.X509 account = new PeerSecurity.X509(gw.certificate(), gw.privateKey(), bs.certificate(), 3, "");
        try (Listener listener = TRANSPORT.listen(ListenSpec.forAccount("1.0 push", Fixtures.anyLoopbackPort(), account), gateway)) {
            Fixtures.Pki other = Fixtures.pki("other"); // issued by the same CA, but not the pinned certificate
            assertOnlyRefused(listener, new PeerSecurity.X509(other.certificate(), other.privateKey(), ca, 2, ""));
            assertEquals(ResponseCode.CHANGED, push(listener, new PeerSecurity.X509(bs.certificate(), bs.privateKey(), ca, 2, "")));
            assertEquals(List.of(new PeerIdentity.X509("CN=gw-x509")), pushedBy.stream().map(Peer::identity).toList());
        }
    }
}
