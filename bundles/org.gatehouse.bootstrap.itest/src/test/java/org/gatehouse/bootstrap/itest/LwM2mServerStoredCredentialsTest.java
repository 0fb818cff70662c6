package org.gatehouse.bootstrap.itest;

import static org.awaitility.Awaitility.await;
import static org.gatehouse.bootstrap.itest.TestCertificates.keytool;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.leshan.client.object.Security;
import org.gatehouse.bootstrap.itest.TestCertificates.Identity;
import org.gatehouse.bsserver.storage.CredentialRole;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.gatehouse.lwm2m.codec.impl.CoreLinkCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.codec.impl.TextCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.server.DeviceResult;
import org.gatehouse.lwm2m.server.Registration;
import org.gatehouse.lwm2m.server.impl.LwM2mServerComponent;
import org.gatehouse.lwm2m.server.impl.StorageCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One storage for both servers: Eclipse Leshan's client bootstraps from our bootstrap server, whose
 * configuration gives it an account on our LwM2M server ({@code localServer}), and registers there
 * with that account's PSK, raw public key or certificate, which our LwM2M server finds in the same storage
 * ({@link StorageCredentials}, nothing configured on the LwM2M server). A key the storage does not
 * hold for the LwM2M server, the device's bootstrap key included, is refused at the handshake.
 * Asserted on Leshan's side (bootstrap and registration reported, the account it holds) and ours
 * (the registration, a Read answered by Leshan's Device object, the session log).
 */
class LwM2mServerStoredCredentialsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BS_KEY = HexFormat.of().formatHex("bootstrap-key-16".getBytes(StandardCharsets.US_ASCII));
    private static final String DM_KEY = HexFormat.of().formatHex("lwm2m-server-key".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    static Path keys;
    private static Identity serverCert;
    private static Identity deviceCert;

    @TempDir
    Path dir;
    private OurBootstrapServer ours;
    private CaliforniumTransport transport;
    private LwM2mServerComponent server;
    private LeshanBootstrapClient device;

    @BeforeAll
    static void certificates() throws Exception {
        serverCert = keytool(keys, "server", "localhost", "ip:127.0.0.1");
        deviceCert = keytool(keys, "device", "dev-x509", null); // CN = its endpoint; pinned as the server's trust anchor
        Files.write(keys.resolve("server.key"), serverCert.key().getEncoded());
        Files.write(keys.resolve("server.crt"), serverCert.cert().getEncoded());
        Files.write(keys.resolve("device.crt"), deviceCert.cert().getEncoded());
    }

    @BeforeEach
    void start() throws Exception {
        ours = new OurBootstrapServer(dir.resolve("bsserver"));
        transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class,
            Map.of("dtls_retransmission_timeout", 500, "dtls_max_retransmissions", 2)));
        server = new LwM2mServerComponent(transport, ModelRegistry.of(CoreModels.all()), new CoreLinkCodec(),
            Configs.of(LwM2mServerComponent.Config.class, Map.of("coap_port", -1, "coaps_port", 0, "request_timeout", 5000L,
                "rpk_private_key_file", keys.resolve("server.key").toString(), "x509_certificate_file", keys.resolve("server.crt").toString(),
                "x509_trust_anchor_files", new String[] {keys.resolve("device.crt").toString()})));
        List.of(new TlvCodec(), new SenmlCborCodec(), new TextCodec()).forEach(server::addCodec);
        server.addCredentials(new StorageCredentials(ours.storage)); // as DS binds it where a storage engine is installed
    }

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
        server.deactivate();
        transport.deactivate();
        ours.close();
    }

    private String lwm2mUri() {
        return "coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort();
    }

    /** A configuration with a PSK toward the bootstrap server and {@code account} as server 1. */
    private void configure(String ep, String account) throws Exception {
        ours.configs.put("""
            {"endpoint": "%s", "credential": {"mode": "psk", "identity": "%s-bs", "key": "hex:%s"}, "contentFormat": "SENML_CBOR",
             "servers": [%s]}
            """.formatted(ep, ep, BS_KEY, account));
    }

    private static String pskAccount(String uri, boolean local, String identity, String hexKey) {
        return """
            {"ssid": 1, "uri": "%s", %s "lifetime": 300, "security": {"mode": "psk", "identity": "%s", "key": "hex:%s"}}
            """.formatted(uri, local ? "\"localServer\": true," : "", identity, hexKey);
    }

    private LeshanBootstrapClient bootstrap(String ep) {
        // short DTLS timers: a refused handshake (our server sends no alert for a PSK it does not know) is given up in seconds
        return new LeshanBootstrapClient(ep, Security.pskBootstrap(ours.coapsUri(), (ep + "-bs").getBytes(StandardCharsets.UTF_8),
            HexFormat.of().parseHex(BS_KEY)), b -> {
        }, c -> c.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 300, TimeUnit.MILLISECONDS)
                .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2));
    }

    @Test
    void a_device_bootstrapped_with_psk_registers_with_the_psk_it_was_given() throws Exception {
        configure("dev-psk", pskAccount(lwm2mUri(), true, "dev-psk-dm", DM_KEY));
        assertEquals("dev-psk-dm", ours.storage.credential(CredentialRole.LWM2M_SERVER, "dev-psk").orElseThrow().identity(),
            "the account's credential is in the storage for the LwM2M server");

        device = bootstrap("dev-psk");
        assertTrue(device.bootstrapped.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Leshan reports bootstrap success");
        assertEquals(lwm2mUri(), device.registered.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Leshan reports its registration at our LwM2M server");
        assertArrayEquals("dev-psk-dm".getBytes(StandardCharsets.UTF_8), (byte[]) device.object(0).getInstance(1).getResource(3).getValue(),
            "the PSK identity Leshan holds for the account");

        Registration reg = await().atMost(WAIT).until(() -> server.find("dev-psk"), Optional::isPresent).orElseThrow();
        assertEquals("PSK dev-psk-dm", reg.security());
        DeviceResult manufacturer = server.read("dev-psk", "/3/0/0").toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(ResponseCode.CONTENT, manufacturer.code());
        assertEquals("Leshan", manufacturer.text(), "answered by Leshan's Device object over the DTLS session");
        assertEquals(Optional.of("success"), ours.ended("dev-psk").outcome());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a wrong key, dev-psk-dm, 77726f6e672d6b65792d7769746821", "its bootstrap key, dev-wrong-bs, " + "626f6f7473747261702d6b65792d3136"})
    void a_device_given_a_key_the_storage_does_not_hold_for_the_lwm2m_server_is_refused(String what, String identity, String hexKey)
            throws Exception {
        configure("dev-psk", pskAccount(lwm2mUri(), true, "dev-psk-dm", DM_KEY));
        // not marked: the bootstrap server writes the account, but records nothing for our LwM2M server
        configure("dev-wrong", pskAccount(lwm2mUri(), false, identity, hexKey));
        assertEquals(Optional.empty(), ours.storage.credential(CredentialRole.LWM2M_SERVER, "dev-wrong"));

        device = bootstrap("dev-wrong");
        assertTrue(device.bootstrapped.get(WAIT.toSeconds(), TimeUnit.SECONDS), "bootstrapped");
        assertEquals(lwm2mUri(), device.registrationTimedOut.get(WAIT.toSeconds(), TimeUnit.SECONDS),
            what + ": Leshan's Register got no answer, its handshake was refused");
        assertFalse(device.registered.isDone(), "Leshan never reported a registration");
        assertEquals(Optional.empty(), server.find("dev-wrong"));
        assertEquals(Optional.empty(), server.find("dev-psk"), "nobody registered under the identity's endpoint either");
    }

    @Test
    void a_device_bootstrapped_with_an_rpk_account_registers_with_its_key() throws Exception {
        KeyPair deviceKey = ecKeyPair();
        Base64.Encoder b64 = Base64.getEncoder();
        configure("dev-rpk", """
            {"ssid": 1, "uri": "%s", "localServer": true, "lifetime": 300,
             "security": {"mode": "rpk", "publicKey": "%s", "privateKey": "%s", "serverPublicKey": "%s"}}
            """.formatted(lwm2mUri(), b64.encodeToString(deviceKey.getPublic().getEncoded()), b64.encodeToString(deviceKey.getPrivate().getEncoded()),
            b64.encodeToString(serverCert.cert().getPublicKey().getEncoded())));

        device = bootstrap("dev-rpk");
        assertTrue(device.bootstrapped.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Leshan reports bootstrap success");
        assertEquals(lwm2mUri(), device.registered.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Leshan reports its registration at our LwM2M server");
        Registration reg = await().atMost(WAIT).until(() -> server.find("dev-rpk"), Optional::isPresent).orElseThrow();
        assertTrue(reg.security().startsWith("RPK"), reg.security());
        assertEquals("Leshan", server.read("dev-rpk", "/3/0/0").toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).text());
    }

    @Test
    void a_device_bootstrapped_with_an_x509_account_registers_as_the_cn_of_its_certificate() throws Exception {
        Base64.Encoder b64 = Base64.getEncoder();
        configure("dev-x509", """
            {"ssid": 1, "uri": "%s", "localServer": true, "lifetime": 300,
             "security": {"mode": "x509", "certificate": "%s", "privateKey": "%s", "serverCertificate": "%s", "certificateUsage": 3}}
            """.formatted(lwm2mUri(), b64.encodeToString(deviceCert.cert().getEncoded()), b64.encodeToString(deviceCert.key().getEncoded()),
            b64.encodeToString(serverCert.cert().getEncoded())));
        assertEquals("dev-x509", ours.storage.credentialByIdentity(CredentialRole.LWM2M_SERVER, EndpointCredential.Kind.X509, "dev-x509")
            .orElseThrow().endpoint(), "the certificate's CN is stored for the LwM2M server");

        device = bootstrap("dev-x509");
        assertTrue(device.bootstrapped.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Leshan reports bootstrap success");
        assertEquals(lwm2mUri(), device.registered.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Leshan reports its registration at our LwM2M server");
        Registration reg = await().atMost(WAIT).until(() -> server.find("dev-x509"), Optional::isPresent).orElseThrow();
        assertEquals("X.509 CN=dev-x509", reg.security());
        assertEquals("Leshan", server.read("dev-x509", "/3/0/0").toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).text());
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
