package org.gatehouse.coap.californium;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.Observation;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Californium endpoint per peer: its own socket and DTLS session, so that each account's
 * security stays separate and closing the connection tears the session down.
 */
final class CaliforniumConnection implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(CaliforniumConnection.class);
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final PeerSpec peer;
    private final CoapEndpoint endpoint;
    private final EndpointContext destination;
    private final HandlerResource resource;
    private final Outgoing outgoing;

    CaliforniumConnection(PeerSpec peer, RequestHandler handler, CaliforniumTransport.Setup setup) throws TransportException {
        this(peer, handler, setup, null);
    }

    /** @param spares plain endpoints started ahead (a plain connection takes one when there is one), or null */
    CaliforniumConnection(PeerSpec peer, RequestHandler handler, CaliforniumTransport.Setup setup, SpareEndpoint spares) throws TransportException {
        this.peer = peer;
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(peer.uri().getHost()), peer.port());
        } catch (UnknownHostException e) {
            throw new TransportException(TransportException.Kind.UNREACHABLE, peer.name() + ": unknown host " + peer.uri().getHost(), e);
        }
        this.destination = new AddressEndpointContext(address, serverName(peer), null);
        boolean secure = !(peer.security() instanceof PeerSecurity.NoSec);
        Configuration settings = setup.client(secure);
        // With DTLS only the peer this (client-only) connector handshaked with can send; without
        // it, the peer's address is the only proof of identity there is.
        this.resource = new HandlerResource(peer.name(), handler, from -> from.address().equals(address), setup.maxBody(), setup.executor(),
            setup.blocking());
        ServerMessageDeliverer deliverer = new ServerMessageDeliverer(resource, settings);
        // Taken last, once nothing before it can fail: a started spare dropped here would keep its socket and threads.
        SpareEndpoint.Spare spare = secure || spares == null ? null : spares.take();
        this.endpoint = spare != null ? spare.endpoint()
            : new CoapEndpoint.Builder().setConnector(Connectors.create(peer, settings)).setConfiguration(settings).build();
        this.outgoing = new Outgoing(endpoint, setup.timer(), secure);
        if (spare != null) {
            spare.deliverer().to(deliverer);
        } else {
            endpoint.setMessageDeliverer(deliverer);
            endpoint.setExecutors(setup.executor(), setup.timer());
            start();
        }
        LOG.debug("Connection to {} ({}) on local port {}{}", peer.name(), peer.uri(), localPort(), spare != null ? ", started ahead" : "");
    }

    private void start() throws TransportException {
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.CONFIGURATION, peer.name() + ": cannot open a local socket: " + e.getMessage(), e);
        }
    }

    /** The TLS server name: /0/x/14 SNI when set, else the URI's host when it is a name rather than an address. */
    private static String serverName(PeerSpec peer) {
        if (peer.security() instanceof PeerSecurity.X509 x && !x.sni().isBlank()) {
            return x.sni();
        }
        String host = peer.uri().getHost();
        boolean literal = host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        return literal ? null : host;
    }

    @Override
    public PeerSpec peer() {
        return peer;
    }

    @Override
    public int localPort() {
        return endpoint.getAddress().getPort();
    }

    @Override
    public CoapResponse send(CoapRequest request, Duration timeout) throws TransportException {
        return await(sendAsync(request, timeout), peer.name());
    }

    /** Waits for a stage of ours: its TransportException as is, an interrupt as CLOSED. */
    static <T> T await(CompletionStage<T> stage, String peer) throws TransportException {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            stage.toCompletableFuture().cancel(false);
            Thread.currentThread().interrupt();
            throw new TransportException(TransportException.Kind.CLOSED, peer + ": interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransportException t) {
                throw t;
            }
            throw new TransportException(TransportException.Kind.CLOSED, peer + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public CompletionStage<CoapResponse> sendAsync(CoapRequest request, Duration timeout) {
        return outgoing.send(peer.name(), request, destination, timeout);
    }

    @Override
    public CompletionStage<Observation> observe(CoapRequest request, Duration timeout, Consumer<CoapResponse> notifications) {
        return outgoing.observe(peer.name(), request, destination, timeout, notifications);
    }

    @Override
    public void changed(String path) {
        resource.changed(path);
    }

    @Override
    public void close() {
        // Answers still on their way (the 2.04 to a Bootstrap-Finish that released the caller) leave first.
        try {
            if (!resource.awaitAnswers(CLOSE_GRACE)) {
                LOG.warn("Connection to {} closed with answers still unsent after {} ms", peer.name(), CLOSE_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outgoing.close(peer.name());
        endpoint.destroy();
    }
}
