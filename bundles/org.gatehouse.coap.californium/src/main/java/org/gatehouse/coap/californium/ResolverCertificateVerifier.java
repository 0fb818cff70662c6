package org.gatehouse.coap.californium;

import java.net.InetSocketAddress;
import java.security.cert.CertPath;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;
import org.gatehouse.coap.CredentialResolver;
import org.gatehouse.coap.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's check of client keys and certificates: an RPK must be accepted by the resolver; an
 * X.509 chain must lead to one of the resolver's trust anchors (Scandium checks it) and its subject
 * must then be accepted. The anchors are read at each handshake, so a store change needs no rebind.
 */
final class ResolverCertificateVerifier implements NewAdvancedCertificateVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(ResolverCertificateVerifier.class);

    private final String listener;
    private final CredentialResolver resolver;
    private final List<CertificateType> types;

    ResolverCertificateVerifier(String listener, CredentialResolver resolver, List<CertificateType> types) {
        this.listener = listener;
        this.resolver = resolver;
        this.types = List.copyOf(types);
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return types;
    }

    @Override
    public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName, InetSocketAddress remotePeer,
            boolean clientUsage, boolean verifySubject, boolean truncateCertificatePath, CertificateMessage message) {
        try {
            if (message.getCertificateChain() == null) {
                byte[] key = message.getPublicKey().getEncoded();
                if (!resolver.acceptsPublicKey(key)) {
                    return refuse(cid, remotePeer, "raw public key not accepted");
                }
                return new CertificateVerificationResult(cid, message.getPublicKey(), null);
            }
            List<X509Certificate> anchors = anchors();
            if (anchors.isEmpty()) {
                return refuse(cid, remotePeer, "no trust anchors for X.509 clients"); // Scandium would take no anchors as "trust all"
            }
            CertPath sent = message.getCertificateChain();
            CertificateVerificationResult chain;
            if (!sent.getCertificates().isEmpty() && anchors.contains(sent.getCertificates().get(0))) {
                // A pinned certificate (LwM2M certificate usage 1 and 3) is its own anchor; Scandium
                // would look for its issuer among the anchors and refuse it.
                chain = new CertificateVerificationResult(cid, sent, null);
            } else {
                // Scandium's own verifier checks key usage and the chain against the anchors of this moment.
                chain = StaticNewAdvancedCertificateVerifier.builder().setTrustedCertificates(anchors.toArray(X509Certificate[]::new))
                    .setSupportedCertificateTypes(List.of(CertificateType.X_509)).build()
                    .verifyCertificate(cid, serverName, remotePeer, clientUsage, false, truncateCertificatePath, message);
            }
            CertPath path = chain.getCertificatePath();
            if (chain.getException() != null || path == null || path.getCertificates().isEmpty()) {
                return chain.getException() != null ? chain : refuse(cid, remotePeer, "empty certificate");
            }
            X509Certificate client = (X509Certificate) path.getCertificates().get(0);
            if (!resolver.acceptsCertificate(client.getSubjectX500Principal().getName(), client.getEncoded())) {
                return refuse(cid, remotePeer, "certificate " + client.getSubjectX500Principal().getName() + " not accepted");
            }
            return chain;
        } catch (RuntimeException | java.security.cert.CertificateEncodingException | TransportException e) {
            LOG.warn("{}: certificate check of {} failed, handshake refused", listener, remotePeer, e);
            return refuse(cid, remotePeer, "certificate check failed");
        }
    }

    private List<X509Certificate> anchors() throws TransportException {
        Set<X509Certificate> anchors = new LinkedHashSet<>(); // Scandium refuses a list with duplicates
        for (byte[] der : resolver.trustAnchors()) {
            anchors.add(Credentials.certificate(der, "trust anchor"));
        }
        return List.copyOf(anchors);
    }

    private CertificateVerificationResult refuse(ConnectionId cid, InetSocketAddress peer, String why) {
        LOG.debug("{}: handshake with {} refused: {}", listener, peer, why);
        AlertMessage alert = new AlertMessage(AlertMessage.AlertLevel.FATAL, AlertMessage.AlertDescription.BAD_CERTIFICATE);
        return new CertificateVerificationResult(cid, new HandshakeException(why, alert), null);
    }

    // No hint: a Scandium client drops from its chain every certificate whose subject is named here,
    // and a pinned certificate (its own anchor) would then arrive as an empty chain.
    @Override
    public List<X500Principal> getAcceptedIssuers() {
        return List.of();
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // answers are synchronous
    }
}
