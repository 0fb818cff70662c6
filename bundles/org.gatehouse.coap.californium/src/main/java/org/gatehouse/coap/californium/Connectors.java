package org.gatehouse.coap.californium;

import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.TransportException;

/** Builds the UDP or DTLS connector for one peer, from the credentials of its account, or for a listener. */
final class Connectors {
    private Connectors() {
    }

    static Connector create(PeerSpec peer, Configuration config) throws TransportException {
        InetSocketAddress local = new InetSocketAddress(0);
        PeerSecurity security = peer.security();
        if (security instanceof PeerSecurity.NoSec) {
            return plain(config);
        }
        DtlsConnectorConfig.Builder b = DtlsConnectorConfig.builder(config).setAddress(local);
        if (security instanceof PeerSecurity.Psk psk) {
            b.setAdvancedPskStore(new AdvancedSinglePskStore(psk.identity(), psk.key()));
        } else if (security instanceof PeerSecurity.Rpk rpk) {
            b.setCertificateIdentityProvider(new SingleCertificateProvider(Credentials.privateKey(rpk.privateKey(), "secret key (/0/x/5)"),
                Credentials.publicKey(rpk.publicKey(), "public key (/0/x/3)")));
            b.setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                .setTrustedRPKs(new RawPublicKeyIdentity(Credentials.publicKey(rpk.serverPublicKey(), "server public key (/0/x/4)"))).build());
        } else if (security instanceof PeerSecurity.X509 x509) {
            Certificate[] chain = {Credentials.certificate(x509.certificate(), "client certificate (/0/x/3)")};
            b.setCertificateIdentityProvider(new SingleCertificateProvider(Credentials.privateKey(x509.privateKey(), "secret key (/0/x/5)"),
                chain, CertificateType.X_509));
            // Certificate usage 1 and 3 (service / domain-issued certificate) pin the server's own
            // certificate; 0 and 2 take it as a trust anchor. Scandium checks the chain against the
            // trusted certificates either way, so both reduce to trusting this one certificate.
            b.setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                .setTrustedCertificates(Credentials.certificate(x509.serverCertificate(), "server certificate (/0/x/4)"))
                .setSupportedCertificateTypes(List.of(CertificateType.X_509)).build());
        } else {
            throw new TransportException(TransportException.Kind.CONFIGURATION, peer.name() + ": unsupported security " + security);
        }
        try {
            return new DTLSConnector(b.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new TransportException(TransportException.Kind.CONFIGURATION, peer.name() + ": DTLS configuration refused: " + e.getMessage(), e);
        }
    }

    /** A plain-CoAP connector on a local port of the system's choosing: every NoSec connection's, and a spare's. */
    static Connector plain(Configuration config) {
        return new UDPConnector(new InetSocketAddress(0), config);
    }

    /** A listener's connector: UDP, or DTLS in the server role whose resolver decides at each handshake. */
    static Connector listener(ListenSpec spec, Configuration config) throws TransportException {
        if (spec.security() instanceof ListenSecurity.NoSec) {
            return new UDPConnector(spec.address(), config);
        }
        ListenSecurity.Dtls dtls = (ListenSecurity.Dtls) spec.security();
        DtlsConnectorConfig.Builder b = DtlsConnectorConfig.builder(config).setAddress(spec.address());
        b.setAdvancedPskStore(new ResolverPskStore(spec.name(), dtls.resolver()));
        if (dtls.privateKey().length > 0) {
            PrivateKey key = Credentials.privateKey(dtls.privateKey(), spec.name() + " private key");
            List<CertificateType> types;
            if (dtls.certificateChain().isEmpty()) {
                b.setCertificateIdentityProvider(new SingleCertificateProvider(key, Credentials.publicKey(dtls.publicKey(), spec.name() + " public key")));
                types = List.of(CertificateType.RAW_PUBLIC_KEY);
            } else {
                List<X509Certificate> chain = new ArrayList<>();
                for (byte[] der : dtls.certificateChain()) {
                    chain.add(Credentials.certificate(der, spec.name() + " certificate"));
                }
                types = List.of(CertificateType.X_509, CertificateType.RAW_PUBLIC_KEY);
                b.setCertificateIdentityProvider(new SingleCertificateProvider(key, chain.toArray(Certificate[]::new), types));
            }
            b.setAdvancedCertificateVerifier(new ResolverCertificateVerifier(spec.name(), dtls.resolver(), types));
        }
        try {
            return new DTLSConnector(b.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new TransportException(TransportException.Kind.CONFIGURATION, spec.name() + ": DTLS configuration refused: " + e.getMessage(), e);
        }
    }
}
