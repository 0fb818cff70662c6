package org.gatehouse.coap.californium;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * A client built straight on Californium and Scandium, none of the transport's own code: the
 * independent peer of the listener tests.
 */
final class PlainClient implements AutoCloseable {

    private final CoapEndpoint endpoint;
    private final boolean secure;

    private PlainClient(CoapEndpoint endpoint, boolean secure) {
        this.endpoint = endpoint;
        this.secure = secure;
    }

    private static Configuration config() {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration c = Configuration.createStandardWithoutFile();
        c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        c.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        c.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 300, TimeUnit.MILLISECONDS);
        c.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 1);
        c.set(CoapConfig.ACK_TIMEOUT, 500, TimeUnit.MILLISECONDS);
        c.set(CoapConfig.MAX_RETRANSMIT, 1);
        return c;
    }

    private static DtlsConnectorConfig.Builder dtls(Configuration c) {
        return DtlsConnectorConfig.builder(c).setAddress(new InetSocketAddress("127.0.0.1", 0));
    }

    private static PlainClient start(org.eclipse.californium.elements.Connector connector, Configuration c, boolean secure) {
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConnector(connector).setConfiguration(c).build();
        try {
            endpoint.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new PlainClient(endpoint, secure);
    }

    static PlainClient nosec() {
        Configuration c = config();
        return start(new UDPConnector(new InetSocketAddress("127.0.0.1", 0), c), c, false);
    }

    static PlainClient psk(String identity, byte[] key) {
        Configuration c = config();
        return start(new DTLSConnector(dtls(c).setAdvancedPskStore(new AdvancedSinglePskStore(identity, key)).build()), c, true);
    }

    static PlainClient rpk(KeyPair own) {
        Configuration c = config();
        return start(new DTLSConnector(dtls(c).setCertificateIdentityProvider(new SingleCertificateProvider(own.getPrivate(), own.getPublic()))
            .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder().setTrustAllRPKs().build()).build()), c, true);
    }

    static PlainClient x509(Fixtures.Pki own, X509Certificate trusted) {
        Configuration c = config();
        return start(new DTLSConnector(dtls(c).setCertificateIdentityProvider(new SingleCertificateProvider(own.key(), own.chain(), CertificateType.X_509))
            .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder().setTrustedCertificates(trusted)
                .setSupportedCertificateTypes(List.of(CertificateType.X_509)).build()).build()), c, true);
    }

    /** POSTs to the listener; null when no response came (a refused handshake). */
    CoapResponse post(InetSocketAddress listener, String path, byte[] body) {
        CoapClient client = new CoapClient((secure ? "coaps" : "coap") + "://127.0.0.1:" + listener.getPort() + path);
        client.setEndpoint(endpoint);
        client.setTimeout(3000L);
        try {
            return client.post(body, 0);
        } catch (Exception e) {
            return null; // the handshake failed: Californium reports it as a send error
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        endpoint.destroy();
    }
}
