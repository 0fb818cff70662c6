package org.gatehouse.coap;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The resolver of {@link CredentialResolver#forAccount}: one peer, the one an account names. */
final class AccountResolver implements CredentialResolver {

    private final PeerSecurity account;

    AccountResolver(PeerSecurity account) {
        this.account = account;
    }

    @Override
    public Optional<byte[]> pskKey(String identity) {
        return account instanceof PeerSecurity.Psk psk && psk.identity().equals(identity) ? Optional.of(psk.key()) : Optional.empty();
    }

    @Override
    public boolean acceptsPublicKey(byte[] publicKey) {
        return account instanceof PeerSecurity.Rpk rpk && Arrays.equals(rpk.serverPublicKey(), publicKey);
    }

    @Override
    public List<byte[]> trustAnchors() {
        return account instanceof PeerSecurity.X509 x509 ? List.of(x509.serverCertificate()) : List.of();
    }

    @Override
    public boolean acceptsCertificate(String subject, byte[] certificate) {
        if (!(account instanceof PeerSecurity.X509 x509)) {
            return false;
        }
        // Usage 0 and 2 name a CA: any certificate it issued is the server's. 1 and 3 pin the certificate itself.
        boolean pinned = x509.certificateUsage() == 1 || x509.certificateUsage() == 3;
        return !pinned || Arrays.equals(x509.serverCertificate(), certificate);
    }
}
