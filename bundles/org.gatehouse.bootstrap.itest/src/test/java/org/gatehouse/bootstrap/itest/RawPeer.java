package org.gatehouse.bootstrap.itest;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.californium.CaliforniumTransport;

/**
 * A bootstrap server or LwM2M server reduced to a socket: it accepts the gateway's Bootstrap-Request
 * (2.04) or Register (2.01, /rd/raw) and Update (2.04), remembers the gateway's address, and sends it
 * whatever request a test crafts, payload bytes included. Built on the transport's server role, so
 * requests leave a real Californium endpoint on loopback.
 */
final class RawPeer implements AutoCloseable {

    private final CaliforniumTransport transport;
    private final Listener listener;
    private final AtomicReference<Peer> gateway = new AtomicReference<>();

    RawPeer(String name) throws Exception {
        // bodies up to 64 KiB may leave this peer, so that the gateway's own limit is what a test meets
        transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class,
            Map.of("ack_timeout", 500, "max_retransmit", 2, "max_body_size", 65_000)));
        listener = transport.listen(ListenSpec.coap(name, new InetSocketAddress("127.0.0.1", 0)), RequestHandler.withPeer(this::answer));
    }

    private CoapResponse answer(CoapRequest request, Peer from) {
        if (request.method() != Method.POST) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "raw peer");
        }
        gateway.set(from);
        if (request.path().equals(java.util.List.of("rd"))) {
            return new CoapResponse(ResponseCode.CREATED, CoapRequest.NONE, new byte[0], "/rd/raw");
        }
        return CoapResponse.of(ResponseCode.CHANGED); // Bootstrap-Request, Update
    }

    String uri() {
        return "coap://127.0.0.1:" + listener.localAddress().getPort();
    }

    /** The gateway's address, once it sent Bootstrap-Request or Register. */
    Peer gateway() {
        return gateway.get();
    }

    CoapResponse send(CoapRequest request) throws Exception {
        return send(gateway.get(), request);
    }

    /** Sends to {@code to}, which need not be the gateway's endpoint this peer heard from. */
    CoapResponse send(Peer to, CoapRequest request) throws Exception {
        return listener.send(to, request, Duration.ofSeconds(10)).toCompletableFuture().get();
    }

    @Override
    public void close() {
        listener.close();
        transport.deactivate();
    }
}
