package org.gatehouse.coap.californium;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;

/** Test material: transports with short timers, EC keys, the certificates of src/test/resources/pki. */
final class Fixtures {
    private Fixtures() {
    }

    /** An entry of test-pki.p12 (see make-test-pki.sh): private key and chain, own certificate first. */
    record Pki(PrivateKey key, X509Certificate[] chain) {
        byte[] privateKey() {
            return key.getEncoded();
        }

        byte[] certificate() {
            return der(chain[0]);
        }

        List<byte[]> chainDer() {
            return Arrays.stream(chain).map(Fixtures::der).toList();
        }
    }

    static CaliforniumTransport transport() {
        return new CaliforniumTransport(config(Map.of("ack_timeout", 500, "max_retransmit", 2, "dtls_retransmission_timeout", 300,
            "dtls_max_retransmissions", 2)));
    }

    /**
     * For peers that are meant to fail: Scandium answers a wrong PSK with silence, not an alert, so
     * the refusal costs the client's handshake retransmissions (here 250 + 500 ms).
     */
    static CaliforniumTransport impatientTransport() {
        return new CaliforniumTransport(config(Map.of("dtls_retransmission_timeout", 250, "dtls_max_retransmissions", 1)));
    }

    static CaliforniumTransport.Config config(Map<String, Object> values) {
        Class<CaliforniumTransport.Config> type = CaliforniumTransport.Config.class;
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object v = values.get(method.getName());
            return v != null ? v : method.getDefaultValue();
        }));
    }

    /** A GET of /3/0 from {@code from} to a local port; the response, or null after 5 s. */
    static Response get(Endpoint from, int port) throws InterruptedException {
        Request get = Request.newGet();
        get.setURI("coap://127.0.0.1:" + port + "/3/0");
        from.sendRequest(get);
        return get.waitForResponse(5000);
    }

    static InetSocketAddress anyLoopbackPort() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Pki pki(String alias) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/pki/test-pki.p12")) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, "changeit".toCharArray());
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : ks.getCertificateChain(alias)) {
                chain.add((X509Certificate) c);
            }
            return new Pki((PrivateKey) ks.getKey(alias, "changeit".toCharArray()), chain.toArray(X509Certificate[]::new));
        } catch (Exception e) {
            throw new IllegalStateException("test PKI entry " + alias, e);
        }
    }

    static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
