package org.gatehouse.bootstrap.itest;

import static org.awaitility.Awaitility.await;
import static org.gatehouse.bootstrap.itest.TestCertificates.keytool;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.RegisterRequest;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.gatehouse.bootstrap.itest.TestCertificates.Identity;
import org.gatehouse.bootstrap.BootstrapCoordinator;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.gatehouse.lwm2m.codec.impl.CborCodec;
import org.gatehouse.lwm2m.codec.impl.CoreLinkCodec;
import org.gatehouse.lwm2m.codec.impl.LwM2mJsonCodec;
import org.gatehouse.lwm2m.codec.impl.OpaqueCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec;
import org.gatehouse.lwm2m.codec.impl.TextCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.model.ModelSet;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.server.DeviceCredential;
import org.gatehouse.lwm2m.server.DeviceObservation;
import org.gatehouse.lwm2m.server.DeviceResult;
import org.gatehouse.lwm2m.server.Registration;
import org.gatehouse.lwm2m.server.RegistryListener;
import org.gatehouse.lwm2m.server.impl.ConfiguredCredential;
import org.gatehouse.lwm2m.server.impl.LwM2mServerComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's LwM2M server against Eclipse Leshan's client, over real loopback sockets: Leshan
 * registers (NoSec, PSK, RPK and X.509), our server reads, writes, executes, discovers and observes, and each
 * effect is checked on Leshan's side too; de-registration, lifetime expiry and a PSK identity that
 * belongs to another endpoint, a certificate no trust anchor vouches for.
 */
class LwM2mServerInteropTest {

    private static final StaticModel MODEL = new StaticModel(ObjectLoader.loadDefault());
    private static final byte[] KEY_A = "device-a-secret!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_B = "device-b-secret!".getBytes(StandardCharsets.US_ASCII);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static CaliforniumTransport transport;
    private static LwM2mServerComponent server;
    private static final List<String> events = new CopyOnWriteArrayList<>();
    private final List<LeshanClient> clients = new CopyOnWriteArrayList<>();

    @TempDir
    static Path keys;
    private static Identity serverCert;
    private static Identity deviceCert;
    private static Identity foreignCert;
    private static KeyPair clientKey;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        clientKey = g.generateKeyPair();
        serverCert = keytool(keys, "server", "localhost", "ip:127.0.0.1");
        deviceCert = keytool(keys, "device", "leshan-x509", null);
        foreignCert = keytool(keys, "foreign", "leshan-x509", null); // the same CN, but no trust anchor vouches for it
        Files.write(keys.resolve("server.key"), serverCert.key().getEncoded());
        Files.write(keys.resolve("server.crt"), serverCert.cert().getEncoded());
        Files.write(keys.resolve("device.crt"), deviceCert.cert().getEncoded());
        transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class,
            Map.of("ack_timeout", 500, "max_retransmit", 2, "dtls_retransmission_timeout", 500, "dtls_max_retransmissions", 2)));
        ModelSet models = CoreModels.all();
        ModelRegistry registry = new ModelRegistry() {
            @Override
            public Optional<ObjectModel> find(int objectId) {
                return models.find(objectId);
            }

            @Override
            public ModelSet models() {
                return models;
            }

            @Override
            public List<String> problems() {
                return List.of();
            }
        };
        server = new LwM2mServerComponent(transport, registry, new CoreLinkCodec(), Configs.of(LwM2mServerComponent.Config.class,
            Map.of("coap_port", 0, "coaps_port", 0, "lifetime_grace", 0L, "sweep_interval", 100L, "request_timeout", 5000L,
                // a queue-mode device counts as asleep right after each message: requests wait for its next Update
                "queue_awake_time", 0L, "rpk_private_key_file", keys.resolve("server.key").toString(),
                "x509_certificate_file", keys.resolve("server.crt").toString(),
                "x509_trust_anchor_files", new String[] {keys.resolve("device.crt").toString()})));
        List.of(new TlvCodec(), new SenmlJsonCodec(), new SenmlCborCodec(), new TextCodec(), new OpaqueCodec(), new CborCodec(),
            new LwM2mJsonCodec()).forEach(server::addCodec);
        server.addCredentials(new ConfiguredCredential(DeviceCredential.psk("leshan-psk-a", "identity-a", KEY_A)));
        server.addCredentials(new ConfiguredCredential(DeviceCredential.psk("leshan-psk-b", "identity-b", KEY_B)));
        server.addCredentials(new ConfiguredCredential(DeviceCredential.rpk("leshan-rpk", clientKey.getPublic().getEncoded())));
        server.addCredentials(new ConfiguredCredential(DeviceCredential.x509("leshan-x509")));
        server.addListener(new RegistryListener() {
            @Override
            public void registered(Registration r, Registration replaced) {
                events.add("registered " + r.endpoint());
            }

            @Override
            public void deregistered(Registration r) {
                events.add("deregistered " + r.endpoint());
            }

            @Override
            public void expired(Registration r) {
                events.add("expired " + r.endpoint());
            }
        });
    }

    @AfterAll
    static void stop() {
        server.deactivate();
        transport.deactivate();
    }

    @AfterEach
    void destroyClients() {
        clients.forEach(c -> c.destroy(false));
    }

    private static DeviceResult get(java.util.concurrent.CompletionStage<DeviceResult> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void a_nosec_device_registers_and_is_managed() throws Exception {
        LeshanDevice device = new LeshanDevice();
        LeshanClient client = client("leshan-dm", Security.noSec(uri("coap", server.coapAddress().orElseThrow().getPort()), 123), 300, device,
            new CompletableFuture<>());
        client.start();
        Registration reg = await().atMost(WAIT).until(() -> server.find("leshan-dm"), Optional::isPresent).orElseThrow();
        assertEquals("NoSec", reg.security());
        assertTrue(reg.objects().containsAll(List.of("/1/0", "/3/0")), reg.objects().toString());
        assertEquals(Duration.ofSeconds(300), reg.lifetime());

        DeviceResult manufacturer = get(server.read("leshan-dm", "/3/0/0"));
        assertEquals(ResponseCode.CONTENT, manufacturer.code());
        assertEquals("Leshan test manufacturer", manufacturer.text());
        assertEquals("Leshan test manufacturer", ((SingleResource) manufacturer.node().orElseThrow()).value().asString());

        assertEquals(ResponseCode.CHANGED, get(server.write("leshan-dm", "/3/0/14", "+02:00")).code());
        assertEquals("+02:00", device.utcOffset, "Leshan's Device object holds the written value");
        assertEquals("+02:00", get(server.read("leshan-dm", "/3/0/14")).text());

        assertEquals(ResponseCode.CHANGED, get(server.execute("leshan-dm", "/3/0/4", "")).code());
        assertEquals(1, device.reboots.get(), "Leshan's client saw the Reboot");

        DeviceResult links = get(server.discover("leshan-dm", "/3/0"));
        assertEquals(ResponseCode.CONTENT, links.code());
        assertTrue(links.text().contains("</3/0/0>") && links.text().contains("</3/0/4>"), links.text());

        assertEquals(ResponseCode.NOT_FOUND, get(server.read("leshan-dm", "/3/0/9")).code(), "a resource Leshan's device does not have");

        List<DeviceResult> notifications = new CopyOnWriteArrayList<>();
        DeviceObservation observation = server.observe("leshan-dm", "/3/0/15", notifications::add).toCompletableFuture()
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(observation.active());
        assertEquals("UTC", observation.response().text());
        device.changeTimezone("Europe/Paris");
        await().atMost(WAIT).until(() -> notifications.stream().anyMatch(n -> n.text().equals("Europe/Paris")));
        assertEquals(List.of(observation), server.observations());

        client.destroy(true);
        clients.remove(client);
        // listeners hear of it just after the registry dropped it
        await().atMost(WAIT).until(() -> events.contains("deregistered leshan-dm"));
        assertEquals(Optional.empty(), server.find("leshan-dm"));
        assertFalse(observation.active(), "de-registration ends the device's observations");
        assertEquals(List.of(), server.observations());
    }

    @Test
    void a_psk_device_registers_with_its_own_identity() throws Exception {
        int port = server.coapsAddress().orElseThrow().getPort();
        LeshanDevice device = new LeshanDevice();
        LeshanClient client = client("leshan-psk-a", Security.psk(uri("coaps", port), 123, "identity-a".getBytes(StandardCharsets.UTF_8), KEY_A),
            300, device, new CompletableFuture<>());
        client.start();
        Registration reg = await().atMost(WAIT).until(() -> server.find("leshan-psk-a"), Optional::isPresent).orElseThrow();
        assertEquals("PSK identity-a", reg.security());
        assertEquals("model-7", get(server.read("leshan-psk-a", "/3/0/1")).text(), "requests go back over the device's DTLS session");
        assertEquals(ResponseCode.CHANGED, get(server.write("leshan-psk-a", "/3/0/14", "+01:00")).code());
        assertEquals(ResponseCode.CHANGED, get(server.execute("leshan-psk-a", "/3/0/4", "")).code());
        assertEquals(ResponseCode.CONTENT, get(server.discover("leshan-psk-a", "/3/0")).code());
        // through the dm:* commands, as a console user would
        org.gatehouse.lwm2m.server.impl.DmCommands dm = new org.gatehouse.lwm2m.server.impl.DmCommands(server, server);
        String started = dm.observe("leshan-psk-a", "/3/0/15");
        assertTrue(started.startsWith("observing #"), started);
        device.changeTimezone("Asia/Tokyo");
        await().atMost(WAIT).until(() -> dm.notifications().contains("leshan-psk-a /3/0/15: 2.05 CONTENT: Asia/Tokyo"));
    }

    @Test
    void an_rpk_device_registers_with_its_key_and_no_other_endpoint_may_use_it() throws Exception {
        int port = server.coapsAddress().orElseThrow().getPort();
        CompletableFuture<org.eclipse.leshan.core.ResponseCode> failure = new CompletableFuture<>();
        LeshanClient impostor = client("leshan-rpk-other", Security.rpk(uri("coaps", port), 123, clientKey.getPublic().getEncoded(),
            clientKey.getPrivate().getEncoded(), serverCert.cert().getPublicKey().getEncoded()), 300, new LeshanDevice(), failure);
        impostor.start();
        assertEquals(org.eclipse.leshan.core.ResponseCode.FORBIDDEN, failure.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Leshan was told 4.03");
        impostor.destroy(false);
        clients.remove(impostor);

        LeshanClient client = client("leshan-rpk", Security.rpk(uri("coaps", port), 123, clientKey.getPublic().getEncoded(),
            clientKey.getPrivate().getEncoded(), serverCert.cert().getPublicKey().getEncoded()), 300, new LeshanDevice(), new CompletableFuture<>());
        client.start();
        Registration reg = await().atMost(WAIT).until(() -> server.find("leshan-rpk"), Optional::isPresent).orElseThrow();
        assertTrue(reg.security().startsWith("RPK"), reg.security());
        assertEquals("SN-0042", get(server.read("leshan-rpk", "/3/0/2")).text());
        assertEquals(Optional.empty(), server.find("leshan-rpk-other"));
    }

    @Test
    void an_x509_device_registers_as_the_cn_of_its_certificate_and_a_foreign_certificate_is_refused() throws Exception {
        String coaps = uri("coaps", server.coapsAddress().orElseThrow().getPort());
        CompletableFuture<org.eclipse.leshan.core.ResponseCode> handshake = new CompletableFuture<>();
        LeshanClient foreign = client("leshan-x509", x509(coaps, foreignCert), 300, new LeshanDevice(), handshake);
        foreign.start();
        assertEquals(null, handshake.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Leshan failed without an answer: the handshake was refused");
        assertEquals(Map.of(), foreign.getRegisteredServers());
        foreign.destroy(false);
        clients.remove(foreign);

        CompletableFuture<org.eclipse.leshan.core.ResponseCode> otherEndpoint = new CompletableFuture<>();
        LeshanClient impostor = client("leshan-x509-other", x509(coaps, deviceCert), 300, new LeshanDevice(), otherEndpoint);
        impostor.start();
        assertEquals(org.eclipse.leshan.core.ResponseCode.FORBIDDEN, otherEndpoint.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Leshan was told 4.03");
        impostor.destroy(false);
        clients.remove(impostor);
        assertEquals(Optional.empty(), server.find("leshan-x509"));

        LeshanClient client = client("leshan-x509", x509(coaps, deviceCert), 300, new LeshanDevice(), new CompletableFuture<>());
        client.start();
        Registration reg = await().atMost(WAIT).until(() -> server.find("leshan-x509"), Optional::isPresent).orElseThrow();
        assertEquals("X.509 CN=leshan-x509", reg.security());
        await().atMost(WAIT).until(() -> !client.getRegisteredServers().isEmpty()); // Leshan's side: the Register was answered 2.01
        assertEquals("SN-0042", get(server.read("leshan-x509", "/3/0/2")).text(), "the Read went back over the device's DTLS session");
        assertEquals(Optional.empty(), server.find("leshan-x509-other"));
    }

    /** Leshan's X.509 account: its certificate, and ours pinned (certificate usage 3, domain-issued certificate). */
    private static Security x509(String uri, Identity device) throws Exception {
        return Security.x509(uri, 123, device.cert().getEncoded(), device.key().getEncoded(), serverCert.cert().getEncoded(), ULong.valueOf(3));
    }

    @Test
    void a_psk_identity_of_another_endpoint_is_refused() throws Exception {
        int port = server.coapsAddress().orElseThrow().getPort();
        CompletableFuture<org.eclipse.leshan.core.ResponseCode> failure = new CompletableFuture<>();
        LeshanClient client = client("leshan-psk-a", Security.psk(uri("coaps", port), 123, "identity-b".getBytes(StandardCharsets.UTF_8), KEY_B),
            300, new LeshanDevice(), failure);
        client.start();
        assertEquals(org.eclipse.leshan.core.ResponseCode.FORBIDDEN, failure.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Leshan was told 4.03");
        assertEquals(Optional.empty(), server.find("leshan-psk-a"));
    }

    @Test
    void a_nosec_register_of_an_endpoint_with_credentials_is_refused() throws Exception {
        CompletableFuture<org.eclipse.leshan.core.ResponseCode> failure = new CompletableFuture<>();
        LeshanClient client = client("leshan-psk-b", Security.noSec(uri("coap", server.coapAddress().orElseThrow().getPort()), 123), 300,
            new LeshanDevice(), failure);
        client.start();
        assertEquals(org.eclipse.leshan.core.ResponseCode.FORBIDDEN, failure.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(Optional.empty(), server.find("leshan-psk-b"));
    }

    @Test
    void a_silent_device_expires_after_its_lifetime() {
        LeshanClient client = client("leshan-silent", Security.noSec(uri("coap", server.coapAddress().orElseThrow().getPort()), 123), 2,
            new LeshanDevice(), new CompletableFuture<>());
        client.start();
        await().atMost(WAIT).until(() -> server.find("leshan-silent").isPresent());
        client.stop(false); // gone without a De-register: no Update comes any more
        await().atMost(WAIT).until(() -> events.contains("expired leshan-silent"));
        assertEquals(Optional.empty(), server.find("leshan-silent"));
        assertFalse(events.contains("deregistered leshan-silent"));
    }

    @Test
    void requests_for_a_queue_mode_device_wait_for_its_next_update() throws Exception {
        DefaultRegistrationEngineFactory engine = new DefaultRegistrationEngineFactory();
        engine.setQueueMode(true);
        engine.setCommunicationPeriod(2000); // an Update every 2 s, as a device waking on a timer; the test acts well within that
        LeshanDevice device = new LeshanDevice();
        LeshanClient client = client("leshan-queue", Security.noSec(uri("coap", server.coapAddress().orElseThrow().getPort()), 123), 300,
            device, new CompletableFuture<>(), engine);
        client.start();
        Registration reg = await().atMost(WAIT).until(() -> server.find("leshan-queue"), Optional::isPresent).orElseThrow();
        assertTrue(reg.queueMode(), "Leshan registered with Q");
        Instant registered = reg.lastUpdate();

        CompletableFuture<DeviceResult> write = server.write("leshan-queue", "/3/0/14", "-05:00").toCompletableFuture();
        assertEquals(List.of("Write /3/0/14"), server.held("leshan-queue"), "held while the device sleeps");
        assertEquals("+00:00", device.utcOffset);

        assertEquals(ResponseCode.CHANGED, write.get(WAIT.toSeconds(), TimeUnit.SECONDS).code());
        assertEquals("-05:00", device.utcOffset, "Leshan got the Write");
        assertTrue(server.find("leshan-queue").orElseThrow().lastUpdate().isAfter(registered), "it went out after an Update");
        assertEquals(List.of(), server.held("leshan-queue"));
    }

    @Test
    void the_gateways_own_client_registers_at_the_gateways_server(@TempDir Path dir) throws Exception {
        try (TestGateway gw = new TestGateway(dir.resolve("store"), "gw-both-roles", Map.of("attempts", 1))) {
            gw.write(LwM2mPath.of(0, 1), Accounts.serverSecurity(1, uri("coap", server.coapAddress().orElseThrow().getPort()), 101));
            gw.write(LwM2mPath.of(1, 1), Accounts.server(1, 101, 300, false, 1, 1, 86400));
            assertEquals(BootstrapCoordinator.Phase.REGISTERED, gw.runSequence(WAIT));
            Registration reg = server.find("gw-both-roles").orElseThrow();
            assertTrue(reg.objects().contains("/3/0"), reg.objects().toString());

            DeviceResult manufacturer = get(server.read("gw-both-roles", "/3/0/0"));
            assertEquals(ResponseCode.CONTENT, manufacturer.code());
            assertEquals(gw.store.read(LwM2mPath.of(3, 0, 0)).orElseThrow(), manufacturer.node().orElseThrow(),
                "the server reads what the client's store holds");
        }
        await("the client de-registers when it stops").atMost(WAIT).until(() -> events.contains("deregistered gw-both-roles"));
        assertEquals(Optional.empty(), server.find("gw-both-roles"));
    }

    private static String uri(String scheme, int port) {
        return scheme + "://127.0.0.1:" + port;
    }

    private LeshanClient client(String endpoint, Security security, long lifetime, LeshanDevice device,
            CompletableFuture<org.eclipse.leshan.core.ResponseCode> failure) {
        return client(endpoint, security, lifetime, device, failure, new DefaultRegistrationEngineFactory());
    }

    private LeshanClient client(String endpoint, Security security, long lifetime, LeshanDevice device,
            CompletableFuture<org.eclipse.leshan.core.ResponseCode> failure, DefaultRegistrationEngineFactory engine) {
        ObjectsInitializer init = new ObjectsInitializer(MODEL);
        init.setInstancesForObject(0, security);
        init.setInstancesForObject(1, new Server(123, lifetime));
        init.setInstancesForObject(3, device);
        LeshanClientBuilder b = new LeshanClientBuilder(endpoint);
        b.setObjects(init.createAll());
        b.setRegistrationEngineFactory(engine);
        b.setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider(), new CoapsClientProtocolProvider())
            .build());
        LeshanClient client = b.build();
        client.addObserver(new LwM2mClientObserverAdapter() {
            @Override
            public void onRegistrationFailure(LwM2mServer s, RegisterRequest request, org.eclipse.leshan.core.ResponseCode code, String message,
                    Exception cause) {
                failure.complete(code);
            }
        });
        clients.add(client);
        return client;
    }
}
