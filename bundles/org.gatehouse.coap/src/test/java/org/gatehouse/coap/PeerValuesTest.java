package org.gatehouse.coap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;

/** The values of the server role, and the 1.1.0 additions that must not change what 1.0.0 callers see. */
class PeerValuesTest {

    @Test
    void peers_and_identities_are_values() {
        // Null fields are refused at construction.
        EqualsVerifier.forClass(Peer.class).suppress(Warning.NULL_FIELDS)
            .withPrefabValues(PeerIdentity.class, new PeerIdentity.Psk("a"), new PeerIdentity.X509("CN=b")).verify();
        EqualsVerifier.forClass(PeerIdentity.Psk.class).suppress(Warning.NULL_FIELDS).verify();
        EqualsVerifier.forClass(PeerIdentity.Rpk.class).suppress(Warning.NULL_FIELDS).verify();
        EqualsVerifier.forClass(PeerIdentity.X509.class).suppress(Warning.NULL_FIELDS).verify();
        assertEquals(new PeerIdentity.None(), new PeerIdentity.None());
    }

    @Test
    void the_common_name_of_a_certificate_subject_is_its_first_cn() {
        assertEquals(java.util.Optional.of("gw-1"), new PeerIdentity.X509("CN=gw-1,O=Example,C=DE").commonName());
        assertEquals(java.util.Optional.of("gw-2"), new PeerIdentity.X509("O=Example, cn=gw-2").commonName());
        assertEquals(java.util.Optional.empty(), new PeerIdentity.X509("O=Example").commonName());
    }

    @Test
    void an_rpk_identity_keeps_its_own_copy_of_the_key() {
        byte[] key = {1, 2, 3};
        PeerIdentity.Rpk rpk = new PeerIdentity.Rpk(key);
        key[0] = 9;
        rpk.publicKey()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, rpk.publicKey());
    }

    @Test
    void the_1_0_constructor_makes_a_confirmable_request_without_observe() {
        CoapRequest old = new CoapRequest(Method.GET, List.of("3", "0"), List.of(), CoapRequest.NONE, CoapRequest.NONE, null);
        assertTrue(old.confirmable());
        assertEquals(CoapRequest.NONE, old.observe());
        assertEquals(old.toString(), CoapRequest.of(Method.GET, "/3/0").toString());
        CoapRequest non = old.withConfirmable(false).withObserve(CoapRequest.OBSERVE_REGISTER).withAccept(110);
        assertFalse(non.confirmable());
        assertEquals(0, non.observe());
        assertEquals("GET /3/0 NON observe 0", non.toString());
        assertThrows(IllegalArgumentException.class, () -> old.withObserve(2));
    }

    @Test
    void a_1_0_handler_answers_through_handle_with_peer() {
        RequestHandler old = request -> CoapResponse.of(ResponseCode.CHANGED);
        Peer peer = new Peer(new InetSocketAddress("127.0.0.1", 5683), new PeerIdentity.None());
        assertEquals(ResponseCode.CHANGED, old.handle(CoapRequest.of(Method.PUT, "/1/0"), peer).code());
        RequestHandler seeing = RequestHandler.withPeer((r, p) -> CoapResponse.error(ResponseCode.FORBIDDEN, p.toString()));
        assertEquals("/127.0.0.1:5683", seeing.handle(CoapRequest.of(Method.PUT, "/1/0"), peer).text());
    }

    @Test
    void an_account_resolver_accepts_exactly_the_accounts_peer() {
        CredentialResolver psk = CredentialResolver.forAccount(new PeerSecurity.Psk("gw", new byte[] {7}));
        assertArrayEquals(new byte[] {7}, psk.pskKey("gw").orElseThrow());
        assertTrue(psk.pskKey("other").isEmpty());
        assertFalse(psk.acceptsPublicKey(new byte[] {7}));
        assertTrue(psk.trustAnchors().isEmpty());

        CredentialResolver rpk = CredentialResolver.forAccount(new PeerSecurity.Rpk(new byte[] {1}, new byte[] {2}, new byte[] {3}));
        assertTrue(rpk.acceptsPublicKey(new byte[] {3}));
        assertFalse(rpk.acceptsPublicKey(new byte[] {1}));
        assertTrue(rpk.pskKey("gw").isEmpty());

        CredentialResolver pinned = CredentialResolver.forAccount(new PeerSecurity.X509(new byte[] {1}, new byte[] {2}, new byte[] {3}, 3, ""));
        assertArrayEquals(new byte[] {3}, pinned.trustAnchors().get(0));
        assertTrue(pinned.acceptsCertificate("CN=bs", new byte[] {3}));
        assertFalse(pinned.acceptsCertificate("CN=bs", new byte[] {4}));
        CredentialResolver ca = CredentialResolver.forAccount(new PeerSecurity.X509(new byte[] {1}, new byte[] {2}, new byte[] {3}, 2, ""));
        assertTrue(ca.acceptsCertificate("CN=anyone the CA issued", new byte[] {4}));
    }

    @Test
    void a_listen_spec_for_an_account_shows_the_accounts_own_credentials() {
        InetSocketAddress any = new InetSocketAddress(0);
        assertTrue(ListenSpec.forAccount("push", any, new PeerSecurity.NoSec()).security() instanceof ListenSecurity.NoSec);
        ListenSecurity.Dtls rpk = (ListenSecurity.Dtls) ListenSpec.forAccount("push", any,
            new PeerSecurity.Rpk(new byte[] {1}, new byte[] {2}, new byte[] {3})).security();
        assertArrayEquals(new byte[] {1}, rpk.publicKey());
        assertArrayEquals(new byte[] {2}, rpk.privateKey());
        ListenSecurity.Dtls x509 = (ListenSecurity.Dtls) ListenSpec.forAccount("push", any,
            new PeerSecurity.X509(new byte[] {1}, new byte[] {2}, new byte[] {3}, 3, "")).security();
        assertArrayEquals(new byte[] {1}, x509.certificateChain().get(0));
        assertEquals(0, ((ListenSecurity.Dtls) ListenSpec.forAccount("push", any, new PeerSecurity.Psk("gw", new byte[] {7})).security())
            .privateKey().length);
        assertThrows(IllegalArgumentException.class, () -> new ListenSecurity.Dtls(new CredentialResolver() { }, new byte[] {1}, null, null));
    }
}
