package org.gatehouse.bsserver.impl;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.coap.CredentialResolver;
import org.gatehouse.coap.PeerIdentity;

/**
 * Whom the CoAPs listener accepts: the endpoint credentials in the storage, asked at every
 * handshake, so a configuration added a moment ago is accepted by the next handshake.
 */
final class StorageResolver implements CredentialResolver {

    private final BootstrapStorage storage;
    private final List<byte[]> trustAnchors;

    StorageResolver(BootstrapStorage storage, List<byte[]> trustAnchors) {
        this.storage = storage;
        this.trustAnchors = List.copyOf(trustAnchors);
    }

    @Override
    public Optional<byte[]> pskKey(String identity) {
        return storage.credentialByIdentity(EndpointCredential.Kind.PSK, identity).map(EndpointCredential::secret);
    }

    @Override
    public boolean acceptsPublicKey(byte[] publicKey) {
        return storage.credentialByIdentity(EndpointCredential.Kind.RPK, Base64.getEncoder().encodeToString(publicKey)).isPresent();
    }

    @Override
    public List<byte[]> trustAnchors() {
        return trustAnchors;
    }

    @Override
    public boolean acceptsCertificate(String subject, byte[] certificate) {
        return new PeerIdentity.X509(subject).commonName().flatMap(cn -> storage.credentialByIdentity(EndpointCredential.Kind.X509, cn)).isPresent();
    }
}
