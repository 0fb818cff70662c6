package org.gatehouse.coap;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where a listener binds and how it is secured.
 *
 * @param name    a label for logs and errors, e.g. "bootstrap server" or "1.0 push"
 * @param address the local address; port 0 picks a free port
 * @since 1.1.0
 */
public record ListenSpec(String name, InetSocketAddress address, ListenSecurity security) {

    public ListenSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(security, "security");
    }

    /** Plain CoAP on {@code address}. */
    public static ListenSpec coap(String name, InetSocketAddress address) {
        return new ListenSpec(name, address, new ListenSecurity.NoSec());
    }

    /**
     * A listener that accepts only the peer of an account, with the account's own credentials: the
     * LwM2M 1.0 push, where the bootstrap server connects to the gateway with the credentials of the
     * gateway's bootstrap-server account. See {@link CredentialResolver#forAccount}.
     */
    public static ListenSpec forAccount(String name, InetSocketAddress address, PeerSecurity account) {
        CredentialResolver only = CredentialResolver.forAccount(account);
        ListenSecurity security;
        if (account instanceof PeerSecurity.NoSec) {
            security = new ListenSecurity.NoSec();
        } else if (account instanceof PeerSecurity.Psk) {
            security = ListenSecurity.Dtls.psk(only);
        } else if (account instanceof PeerSecurity.Rpk rpk) {
            security = ListenSecurity.Dtls.rpk(only, rpk.publicKey(), rpk.privateKey());
        } else {
            PeerSecurity.X509 x509 = (PeerSecurity.X509) account;
            security = ListenSecurity.Dtls.x509(only, List.of(x509.certificate()), x509.privateKey());
        }
        return new ListenSpec(name, address, security);
    }
}
