package org.gatehouse.coap.californium;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first connection of a new JVM is slow: Californium's classes, its first endpoint, the network interfaces it
 * looks up, every layer's first message: 360 ms from the sequence's fall-back to client-initiated bootstrap to its
 * first request sent, in a later start at a load of 2 (with debug logging). At activation the transport pays that on a thread of its own, while the other bundles still start on the
 * start-level thread: one round trip each way between a loopback listener and a connection (a request like a
 * Bootstrap-Request, then one like a bootstrap server's Write), then both closed: over DTLS with a PSK when the previous
 * run's connections used DTLS ({@link DtlsHint}), plain CoAP otherwise. Nothing leaves the host.
 */
final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String NAME = "transport warm-up";

    private final CaliforniumTransport.Setup setup;
    private final PeerSecurity security;

    Warmup(CaliforniumTransport.Setup setup, PeerSecurity security) {
        this.setup = setup;
        this.security = security;
    }

    /** Starts the warm-up on a daemon thread; the thread is returned so that a deactivation can interrupt it. */
    static Thread start(CaliforniumTransport.Setup setup, boolean dtls) {
        Thread t = new Thread(() -> {
            if (dtls) { // the CoAP layers are the same under DTLS: one round trip warms both
                byte[] key = new byte[16]; // a key of its own: the loopback listener must not take another local process's handshake
                new SecureRandom().nextBytes(key);
                new Warmup(setup, new PeerSecurity.Psk(NAME, key)).warm();
            } else {
                new Warmup(setup, new PeerSecurity.NoSec()).warm();
            }
        }, "gatehouse-coap-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** One round trip each way; false when it could not be made (logged at DEBUG: the first real connection then pays). */
    boolean warm() {
        long start = System.nanoTime();
        AtomicReference<Peer> peer = new AtomicReference<>();
        RequestHandler listening = RequestHandler.withPeer((request, from) -> {
            peer.set(from);
            return CoapResponse.of(ResponseCode.CHANGED);
        });
        boolean secure = !(security instanceof PeerSecurity.NoSec);
        try (CaliforniumListener listener = new CaliforniumListener(ListenSpec.forAccount(NAME, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                security), listening, setup, false)) {
            URI uri = URI.create((secure ? "coaps" : "coap") + "://127.0.0.1:" + listener.localAddress().getPort());
            try (CaliforniumConnection connection = new CaliforniumConnection(new PeerSpec(NAME, uri, security),
                    request -> CoapResponse.of(ResponseCode.CHANGED), setup)) {
                connection.send(CoapRequest.of(Method.POST, "/bs").withQuery(List.of("ep=warm-up")), TIMEOUT);
                CaliforniumConnection.await(listener.send(peer.get(), CoapRequest.of(Method.PUT, "/0/0").withPayload(0, new byte[] {'w'}),
                    TIMEOUT), NAME);
            }
            LOG.debug("CoAP transport warmed up ({}) in {} ms", secure ? "DTLS" : "plain CoAP", (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (Exception | LinkageError e) { // a deactivation during the warm-up, or a loopback that refuses: the first real connection pays
            LOG.debug("CoAP transport warm-up cut short: {}", e.toString());
            return false;
        }
    }
}
