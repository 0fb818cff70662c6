package org.gatehouse.coap.californium;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.coap.CredentialResolver;

/** A resolver over maps the test fills, as a bootstrap server's store would be. */
final class TestResolver implements CredentialResolver {

    final Map<String, byte[]> psk = new ConcurrentHashMap<>();
    final Set<ByteBuffer> publicKeys = ConcurrentHashMap.newKeySet();
    final List<byte[]> anchors = new CopyOnWriteArrayList<>();
    final Set<String> subjects = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<byte[]> pskKey(String identity) {
        return Optional.ofNullable(psk.get(identity));
    }

    @Override
    public boolean acceptsPublicKey(byte[] publicKey) {
        return publicKeys.contains(ByteBuffer.wrap(publicKey));
    }

    @Override
    public List<byte[]> trustAnchors() {
        return List.copyOf(anchors);
    }

    @Override
    public boolean acceptsCertificate(String subject, byte[] certificate) {
        return subjects.contains(subject);
    }
}
