package org.gatehouse.bootstrap.itest;

import static org.gatehouse.bootstrap.itest.TestCertificates.keytool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.gatehouse.bootstrap.itest.TestCertificates.Identity;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.jdbc.JdbcBootstrapStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Leshan's client bootstraps from our server with a raw public key and with an X.509 certificate;
 * the server shows its certificate (its key to RPK clients) and accepts the device keys the
 * configurations name.
 */
class BootstrapServerCertificateTest {

    @TempDir
    static Path dir;
    private static OurBootstrapServer ours;
    private static LeshanPeers leshan;
    private static KeyPair deviceKey;
    private static Identity serverCert;
    private static Identity deviceCert;


    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        deviceKey = g.generateKeyPair();
        serverCert = keytool(dir, "server", "localhost", "ip:127.0.0.1");
        deviceCert = keytool(dir, "device", "x509-device", null);
        Path key = Files.write(dir.resolve("server.key.der"), serverCert.key().getEncoded());
        Path cert = Files.write(dir.resolve("server.crt.der"), serverCert.cert().getEncoded());
        Path anchor = Files.write(dir.resolve("device.crt.der"), deviceCert.cert().getEncoded());
        ours = new OurBootstrapServer(JdbcBootstrapStorage.h2(dir.resolve("db"), "node-a"), Map.of("private_key", key.toString(),
            "certificate", cert.toString(), "trust_anchors", new String[] {anchor.toString()}));
        leshan = new LeshanPeers();
    }

    @AfterAll
    static void stop() {
        ours.close();
        leshan.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpk", "x509"})
    void leshan_client_bootstraps_with_its_key_or_certificate(String mode) throws Exception {
        String ep = mode.equals("rpk") ? "rpk-device" : "x509-device";
        String credential = mode.equals("rpk")
            ? "{\"mode\": \"rpk\", \"publicKey\": \"" + Base64.getEncoder().encodeToString(deviceKey.getPublic().getEncoded()) + "\"}"
            : "{\"mode\": \"x509\", \"cn\": \"x509-device\"}";
        String dmUri = leshan.serverUri(Protocol.COAP);
        ours.configs.put("{\"endpoint\": \"" + ep + "\", \"credential\": " + credential + ", \"contentFormat\": \"SENML_CBOR\", \"deleteFirst\": true,"
            + " \"servers\": [{\"ssid\": 7, \"uri\": \"" + dmUri + "\", \"lifetime\": 120}]}");
        Security account = mode.equals("rpk")
            ? Security.rpkBootstrap(ours.coapsUri(), deviceKey.getPublic().getEncoded(), deviceKey.getPrivate().getEncoded(),
                serverCert.cert().getPublicKey().getEncoded())
            : Security.x509Bootstrap(ours.coapsUri(), deviceCert.cert().getEncoded(), deviceCert.key().getEncoded(),
                serverCert.cert().getEncoded(), ULong.valueOf(3));
        try (LeshanBootstrapClient device = new LeshanBootstrapClient(ep, account)) {
            assertTrue(device.bootstrapped.get(20, TimeUnit.SECONDS), "Leshan's client reports bootstrap success");
            assertEquals(dmUri, device.registered.get(20, TimeUnit.SECONDS));
            assertEquals(7L, device.object(1).getInstance(0).getResource(0).getValue());
            assertEquals(120L, device.object(1).getInstance(0).getResource(1).getValue());
        }
        SessionRecord s = ours.ended(ep);
        assertEquals(Optional.of("success"), s.outcome());
        assertTrue(s.events().get(0).startsWith("BOOTSTRAP-REQUEST 2.04 from " + (mode.equals("rpk") ? "RPK " : "X509[subject=CN=x509-device]")),
            s.events().toString());
        assertEquals(List.of("DELETE / 2.02", "WRITE /0/1 2.04", "WRITE /1/0 2.04", "FINISH 2.04"), s.events().subList(1, s.events().size()));
    }
}
