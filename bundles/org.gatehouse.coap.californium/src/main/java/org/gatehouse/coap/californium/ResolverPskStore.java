package org.gatehouse.coap.californium;

import java.net.InetSocketAddress;
import java.util.Optional;

import javax.crypto.SecretKey;

import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.ServerNames;
import org.gatehouse.coap.CredentialResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listener's PSK keys, asked of its resolver at each handshake; no key refuses the handshake. */
final class ResolverPskStore implements AdvancedPskStore {

    private static final Logger LOG = LoggerFactory.getLogger(ResolverPskStore.class);

    private final String listener;
    private final CredentialResolver resolver;

    ResolverPskStore(String listener, CredentialResolver resolver) {
        this.listener = listener;
        this.resolver = resolver;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return true;
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName, PskPublicInformation identity, String hmacAlgorithm,
            SecretKey otherSecret, byte[] seed, boolean useExtendedMasterSecret) {
        SecretKey secret = null;
        try {
            Optional<byte[]> key = resolver.pskKey(identity.getPublicInfoAsString());
            if (key.isPresent() && key.get().length > 0) {
                secret = SecretUtil.create(key.get(), PskSecretResult.ALGORITHM_PSK);
            } else {
                LOG.debug("{}: PSK identity '{}' unknown, handshake refused", listener, identity.getPublicInfoAsString());
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: credential resolver failed for PSK identity '{}', handshake refused", listener, identity.getPublicInfoAsString(), e);
        }
        // A null secret makes Scandium end the handshake with unknown_psk_identity.
        return new PskSecretResult(cid, identity, secret);
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return null; // a listener never starts a handshake
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // answers are synchronous
    }
}
