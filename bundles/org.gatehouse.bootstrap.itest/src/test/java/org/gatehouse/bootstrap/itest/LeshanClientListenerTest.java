package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.CredentialResolver;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transport's server role against Eclipse Leshan's client: a bootstrap server made of a
 * listener and a dozen lines bootstraps Leshan's client in every security mode. The handler sees
 * the identity Leshan authenticated with, the listener's asynchronous requests (Discover, Delete,
 * Write, Finish) reach the client on its session, and Leshan records the bootstrap as a success.
 */
class LeshanClientListenerTest {

    private static final CaliforniumTransport TRANSPORT = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class,
        Map.of("dtls_retransmission_timeout", 500, "dtls_max_retransmissions", 2)));
    private static final byte[] PSK = "leshan-secret-16".getBytes(StandardCharsets.US_ASCII);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final StaticModel MODEL = new StaticModel(ObjectLoader.loadDefault());

    @TempDir
    static Path dir;
    private static KeyPair serverKey;
    private static KeyPair clientKey;
    private static TestCertificates.Identity serverCert;
    private static TestCertificates.Identity clientCert;


    enum Mode { NOSEC, PSK, RPK, X509 }

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        serverKey = g.generateKeyPair();
        clientKey = g.generateKeyPair();
        serverCert = TestCertificates.keytool(dir, "server", "localhost", "ip:127.0.0.1");
        clientCert = TestCertificates.keytool(dir, "client", "leshan-x509", null);
    }

    @AfterAll
    static void stop() {
        TRANSPORT.deactivate();
    }

    /** Whom the bootstrap server knows: exactly the Leshan client, in each mode. */
    private static final CredentialResolver KNOWS_LESHAN = new CredentialResolver() {
        @Override
        public Optional<byte[]> pskKey(String identity) {
            return identity.equals("leshan-psk") ? Optional.of(PSK) : Optional.empty();
        }

        @Override
        public boolean acceptsPublicKey(byte[] publicKey) {
            return Arrays.equals(publicKey, clientKey.getPublic().getEncoded());
        }

        @Override
        public List<byte[]> trustAnchors() {
            return List.of(der(clientCert.cert()));
        }

        @Override
        public boolean acceptsCertificate(String subject, byte[] certificate) {
            return subject.equals("CN=leshan-x509");
        }
    };

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ListenSecurity listenerSecurity(Mode mode) {
        return switch (mode) {
            case NOSEC -> new ListenSecurity.NoSec();
            case PSK -> ListenSecurity.Dtls.psk(KNOWS_LESHAN);
            case RPK -> ListenSecurity.Dtls.rpk(KNOWS_LESHAN, serverKey.getPublic().getEncoded(), serverKey.getPrivate().getEncoded());
            case X509 -> ListenSecurity.Dtls.x509(KNOWS_LESHAN, List.of(der(serverCert.cert())), serverCert.key().getEncoded());
        };
    }

    private static Security leshanAccount(Mode mode, int port) {
        String uri = (mode == Mode.NOSEC ? "coap" : "coaps") + "://127.0.0.1:" + port;
        return switch (mode) {
            case NOSEC -> Security.noSecBootstrap(uri);
            case PSK -> Security.pskBootstrap(uri, "leshan-psk".getBytes(StandardCharsets.UTF_8), PSK);
            case RPK -> Security.rpkBootstrap(uri, clientKey.getPublic().getEncoded(), clientKey.getPrivate().getEncoded(),
                serverKey.getPublic().getEncoded());
            case X509 -> Security.x509Bootstrap(uri, der(clientCert.cert()), clientCert.key().getEncoded(), der(serverCert.cert()), ULong.valueOf(3));
        };
    }

    private static PeerIdentity expected(Mode mode) {
        return switch (mode) {
            case NOSEC -> new PeerIdentity.None();
            case PSK -> new PeerIdentity.Psk("leshan-psk");
            case RPK -> new PeerIdentity.Rpk(clientKey.getPublic().getEncoded());
            case X509 -> new PeerIdentity.X509("CN=leshan-x509");
        };
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void leshan_client_bootstraps_from_a_listener(Mode mode) throws Exception {
        CompletableFuture<Peer> bootstrapRequest = new CompletableFuture<>();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        try (Listener listener = TRANSPORT.listen(new ListenSpec("bootstrap server", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                listenerSecurity(mode)), org.gatehouse.coap.RequestHandler.withPeer((request, peer) -> {
                    if (request.method() == Method.POST && request.path().equals(List.of("bs"))) {
                        endpoint.complete(request.query().stream().filter(q -> q.startsWith("ep=")).findFirst().orElse(""));
                        bootstrapRequest.complete(peer);
                        return CoapResponse.of(ResponseCode.CHANGED);
                    }
                    return CoapResponse.of(ResponseCode.NOT_FOUND);
                }))) {
            CompletableFuture<Boolean> leshanSaysDone = new CompletableFuture<>();
            LeshanClient client = leshanClient("leshan-" + mode, leshanAccount(mode, listener.localAddress().getPort()), leshanSaysDone);
            client.start();
            try {
                Peer device = bootstrapRequest.get(10, TimeUnit.SECONDS);
                assertEquals("ep=leshan-" + mode, endpoint.get());
                assertEquals(expected(mode), device.identity());

                // The bootstrap server's side, chained without a thread waiting between requests.
                CompletableFuture<List<CoapResponse>> session = listener.send(device, CoapRequest.of(Method.GET, "/").withAccept(40), TIMEOUT)
                    .thenCombine(listener.send(device, CoapRequest.of(Method.DELETE, "/"), TIMEOUT), List::of)
                    .thenCompose(first -> listener.send(device, write(new LwM2mPath(0, 1), security()), TIMEOUT)
                        .thenCompose(s -> listener.send(device, write(new LwM2mPath(1, 1), server()), TIMEOUT))
                        .thenCompose(s -> listener.send(device, CoapRequest.of(Method.POST, "/bs"), TIMEOUT))
                        .thenApply(finish -> List.of(first.get(0), first.get(1), finish)))
                    .toCompletableFuture();
                List<CoapResponse> answers = session.get(10, TimeUnit.SECONDS);
                assertEquals(ResponseCode.CONTENT, answers.get(0).code());
                assertTrue(answers.get(0).text().contains("</3/0>"), answers.get(0).text());
                assertEquals(ResponseCode.DELETED, answers.get(1).code());
                assertEquals(ResponseCode.CHANGED, answers.get(2).code(), answers.get(2).toString());
                assertTrue(leshanSaysDone.get(5, TimeUnit.SECONDS), "Leshan recorded the bootstrap as a success");
            } finally {
                client.destroy(false);
            }
        }
    }

    /** What a bootstrap server writes: one LwM2M server account, Short Server ID 101, NoSec. */
    private static CoapRequest write(LwM2mPath path, LwM2mObjectInstance instance) {
        byte[] tlv = new DefaultLwM2mEncoder().encode(instance, ContentFormat.TLV, path, MODEL);
        return CoapRequest.of(Method.PUT, path.toString()).withPayload(ContentFormat.TLV.getCode(), tlv);
    }

    private static LwM2mObjectInstance security() {
        return new LwM2mObjectInstance(1, LwM2mSingleResource.newStringResource(0, "coap://127.0.0.1:1"),
            LwM2mSingleResource.newBooleanResource(1, false), LwM2mSingleResource.newIntegerResource(2, 3),
            LwM2mSingleResource.newBinaryResource(3, new byte[0]), LwM2mSingleResource.newBinaryResource(4, new byte[0]),
            LwM2mSingleResource.newBinaryResource(5, new byte[0]), LwM2mSingleResource.newIntegerResource(10, 101));
    }

    private static LwM2mObjectInstance server() {
        return new LwM2mObjectInstance(1, LwM2mSingleResource.newIntegerResource(0, 101), LwM2mSingleResource.newIntegerResource(1, 300),
            LwM2mSingleResource.newBooleanResource(6, false), LwM2mSingleResource.newStringResource(7, "U"));
    }

    private static LeshanClient leshanClient(String endpoint, Security account, CompletableFuture<Boolean> done) {
        ObjectsInitializer init = new ObjectsInitializer(MODEL);
        init.setInstancesForObject(0, account);
        init.setClassForObject(1, Server.class);
        init.setInstancesForObject(3, new Device("Leshan", "client", "0000"));
        LeshanClientBuilder b = new LeshanClientBuilder(endpoint);
        b.setObjects(init.createAll());
        b.setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider(), new CoapsClientProtocolProvider())
            .build());
        LeshanClient client = b.build();
        client.addObserver(new LwM2mClientObserverAdapter() {
            @Override
            public void onBootstrapSuccess(LwM2mServer bsserver, BootstrapRequest request) {
                done.complete(true);
            }

            @Override
            public void onBootstrapFailure(LwM2mServer bsserver, BootstrapRequest request, org.eclipse.leshan.core.ResponseCode code, String message,
                    Exception cause) {
                done.complete(false);
            }
        });
        return client;
    }
}
