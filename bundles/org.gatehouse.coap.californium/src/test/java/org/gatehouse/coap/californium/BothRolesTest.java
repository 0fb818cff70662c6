package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client role against our server role, as a device and a bootstrap server: the device's
 * Bootstrap-Request reaches the listener with the device's identity, and the listener writes back
 * to that peer without blocking a thread per request, in every security mode.
 */
class BothRolesTest {

    private static final CaliforniumTransport TRANSPORT = Fixtures.transport();
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final KeyPair SERVER_KEY = Fixtures.ec();
    private static final KeyPair DEVICE_KEY = Fixtures.ec();

    /** A security mode: the listener's side, the device's account, and who each sees. */
    enum Mode {
        NOSEC, PSK, RPK, X509;

        ListenSecurity listener(TestResolver resolver) {
            return switch (this) {
                case NOSEC -> new ListenSecurity.NoSec();
                case PSK -> ListenSecurity.Dtls.psk(resolver);
                case RPK -> ListenSecurity.Dtls.rpk(resolver, SERVER_KEY.getPublic().getEncoded(), SERVER_KEY.getPrivate().getEncoded());
                case X509 -> ListenSecurity.Dtls.x509(resolver, Fixtures.pki("server").chainDer(), Fixtures.pki("server").privateKey());
            };
        }

        void accept(TestResolver resolver) {
            resolver.psk.put("device-1", KEY);
            resolver.publicKeys.add(java.nio.ByteBuffer.wrap(DEVICE_KEY.getPublic().getEncoded()));
            resolver.anchors.add(Fixtures.pki("ca").certificate());
            resolver.subjects.add("CN=gw-x509");
        }

        PeerSecurity device() {
            return switch (this) {
                case NOSEC -> new PeerSecurity.NoSec();
                case PSK -> new PeerSecurity.Psk("device-1", KEY);
                case RPK -> new PeerSecurity.Rpk(DEVICE_KEY.getPublic().getEncoded(), DEVICE_KEY.getPrivate().getEncoded(),
                    SERVER_KEY.getPublic().getEncoded());
                case X509 -> new PeerSecurity.X509(Fixtures.pki("client").certificate(), Fixtures.pki("client").privateKey(),
                    Fixtures.pki("ca").certificate(), 2, "");
            };
        }

        /** Who the listener sees: the device. */
        PeerIdentity deviceIdentity() {
            return switch (this) {
                case NOSEC -> new PeerIdentity.None();
                case PSK -> new PeerIdentity.Psk("device-1");
                case RPK -> new PeerIdentity.Rpk(DEVICE_KEY.getPublic().getEncoded());
                case X509 -> new PeerIdentity.X509("CN=gw-x509");
            };
        }

        /** Who the device sees: the server (a PSK session is named by the identity both sides share). */
        PeerIdentity server() {
            return switch (this) {
                case NOSEC -> new PeerIdentity.None();
                case PSK -> new PeerIdentity.Psk("device-1");
                case RPK -> new PeerIdentity.Rpk(SERVER_KEY.getPublic().getEncoded());
                case X509 -> new PeerIdentity.X509("CN=localhost");
            };
        }
    }

    @AfterAll
    static void stop() {
        TRANSPORT.deactivate();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void a_listener_writes_back_to_the_device_that_sent_bootstrap_request(Mode mode) throws Exception {
        TestResolver resolver = new TestResolver();
        mode.accept(resolver);
        List<Peer> requesters = new CopyOnWriteArrayList<>();
        CompletableFuture<Peer> bootstrapRequest = new CompletableFuture<>();
        RequestHandler server = RequestHandler.withPeer((request, peer) -> {
            bootstrapRequest.complete(peer);
            return CoapResponse.of(ResponseCode.CHANGED);
        });
        RequestHandler device = RequestHandler.withPeer((request, peer) -> {
            requesters.add(peer);
            return CoapResponse.of(request.method() == Method.DELETE ? ResponseCode.DELETED : ResponseCode.CHANGED);
        });
        try (Listener listener = TRANSPORT.listen(new ListenSpec("bootstrap server", Fixtures.anyLoopbackPort(), mode.listener(resolver)), server);
             Connection connection = TRANSPORT.open(new PeerSpec("bootstrap server", uri(mode, listener), mode.device()), device)) {
            CoapResponse answer = connection.send(CoapRequest.of(Method.POST, "/bs").withQuery(List.of("ep=gw")), Duration.ofSeconds(5));
            assertEquals(ResponseCode.CHANGED, answer.code());
            Peer peer = bootstrapRequest.get(1, TimeUnit.SECONDS);
            assertEquals(mode.deviceIdentity(), peer.identity());
            assertEquals(connection.localPort(), peer.address().getPort());

            // 20 writes in flight at once on a transport of 2 threads: nothing waits on a response.
            List<CompletableFuture<CoapResponse>> writes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                writes.add(listener.send(peer, CoapRequest.of(Method.PUT, "/1/" + i).withPayload(11542, new byte[] {1}), Duration.ofSeconds(5))
                    .toCompletableFuture());
            }
            writes.add(listener.send(peer, CoapRequest.of(Method.DELETE, "/0"), Duration.ofSeconds(5)).toCompletableFuture());
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertTrue(writes.subList(0, 20).stream().allMatch(w -> w.join().code() == ResponseCode.CHANGED));
            assertEquals(ResponseCode.DELETED, writes.get(20).join().code());
            assertEquals(21, requesters.size());
            assertTrue(requesters.stream().allMatch(p -> p.identity().equals(mode.server())), requesters.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"PSK", "RPK", "X509"})
    void a_request_addressed_to_another_identity_does_not_go_out_on_the_session(Mode mode) throws Exception {
        TestResolver resolver = new TestResolver();
        mode.accept(resolver);
        CompletableFuture<Peer> heard = new CompletableFuture<>();
        List<CoapRequest> reached = new CopyOnWriteArrayList<>();
        try (Listener listener = TRANSPORT.listen(new ListenSpec("bootstrap server", Fixtures.anyLoopbackPort(), mode.listener(resolver)),
                RequestHandler.withPeer((r, p) -> {
                    heard.complete(p);
                    return CoapResponse.of(ResponseCode.CHANGED);
                }));
             Connection connection = TRANSPORT.open(new PeerSpec("bs", uri(mode, listener), mode.device()), r -> {
                 reached.add(r);
                 return CoapResponse.of(ResponseCode.CHANGED);
             })) {
            connection.send(CoapRequest.of(Method.POST, "/bs"), Duration.ofSeconds(5));
            Peer impostor = new Peer(heard.get(1, TimeUnit.SECONDS).address(), new PeerIdentity.Psk("someone-else"));
            CompletionException e = assertThrows(CompletionException.class,
                () -> listener.send(impostor, CoapRequest.of(Method.DELETE, "/0"), Duration.ofSeconds(2)).toCompletableFuture().join());
            assertInstanceOf(TransportException.class, e.getCause());
            Peer anonymous = new Peer(impostor.address(), new PeerIdentity.None());
            e = assertThrows(CompletionException.class,
                () -> listener.send(anonymous, CoapRequest.of(Method.DELETE, "/0"), Duration.ofSeconds(2)).toCompletableFuture().join());
            assertEquals(TransportException.Kind.CONFIGURATION, ((TransportException) e.getCause()).kind());
            assertTrue(reached.isEmpty(), "the device got nothing meant for another identity");
        }
    }

    private static URI uri(Mode mode, Listener listener) {
        return URI.create((mode == Mode.NOSEC ? "coap" : "coaps") + "://127.0.0.1:" + listener.localAddress().getPort());
    }
}
