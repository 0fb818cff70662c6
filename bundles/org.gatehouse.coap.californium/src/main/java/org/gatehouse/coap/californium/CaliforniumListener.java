package org.gatehouse.coap.californium;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Observation;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound endpoint in the server role, for every peer its resolver accepts. Requests back to a peer
 * go out only on a session with the identity they are addressed to ({@link PeerMatcher}).
 */
final class CaliforniumListener implements Listener {

    private static final Logger LOG = LoggerFactory.getLogger(CaliforniumListener.class);

    private final ListenSpec spec;
    private final CoapEndpoint endpoint;
    private final HandlerResource resource;
    private final Outgoing outgoing;
    private final boolean announce;

    CaliforniumListener(ListenSpec spec, RequestHandler handler, CaliforniumTransport.Setup setup) throws TransportException {
        this(spec, handler, setup, true);
    }

    /** {@code announce}: its opening and closing logged at INFO (not so the transport's own warm-up, see {@link Warmup}). */
    CaliforniumListener(ListenSpec spec, RequestHandler handler, CaliforniumTransport.Setup setup, boolean announce) throws TransportException {
        this.spec = spec;
        this.announce = announce;
        boolean secure = spec.security() instanceof ListenSecurity.Dtls;
        Configuration settings = setup.server(secure);
        this.endpoint = new CoapEndpoint.Builder().setConnector(Connectors.listener(spec, settings)).setConfiguration(settings)
            .setEndpointContextMatcher(new PeerMatcher()).build();
        // Who may speak was settled by the handshake (DTLS) or cannot be known (plain CoAP): every sender is heard.
        this.resource = new HandlerResource(spec.name(), handler, peer -> true, setup.maxBody(), setup.executor(), setup.blocking());
        endpoint.setMessageDeliverer(new ServerMessageDeliverer(resource, settings));
        endpoint.setExecutors(setup.executor(), setup.timer());
        this.outgoing = new Outgoing(endpoint, setup.timer(), secure);
        try {
            endpoint.start();
        } catch (IOException e) {
            endpoint.destroy();
            throw new TransportException(TransportException.Kind.CONFIGURATION, spec.name() + ": cannot bind " + spec.address() + ": " + e.getMessage(), e);
        }
        if (announce) {
            LOG.info("{} listening on {} ({})", spec.name(), localAddress(), spec.security());
        }
    }

    @Override
    public ListenSpec spec() {
        return spec;
    }

    @Override
    public InetSocketAddress localAddress() {
        return endpoint.getAddress();
    }

    private static EndpointContext destination(Peer peer) {
        return new AddressEndpointContext(peer.address(), Identities.requested(peer));
    }

    @Override
    public CompletionStage<CoapResponse> send(Peer peer, CoapRequest request, Duration timeout) {
        return unidentified(peer) ? refused(peer) : outgoing.send(peer.toString(), request, destination(peer), timeout);
    }

    @Override
    public CompletionStage<Observation> observe(Peer peer, CoapRequest request, Duration timeout, Consumer<CoapResponse> notifications) {
        return unidentified(peer) ? refused(peer) : outgoing.observe(peer.toString(), request, destination(peer), timeout, notifications);
    }

    // Without an identity to match, a DTLS request would take whatever session has that address.
    private boolean unidentified(Peer peer) {
        return spec.security() instanceof ListenSecurity.Dtls && peer.identity() instanceof PeerIdentity.None;
    }

    private <T> CompletionStage<T> refused(Peer peer) {
        return CompletableFuture.failedFuture(new TransportException(TransportException.Kind.CONFIGURATION,
            spec.name() + ": a DTLS listener sends only to an authenticated peer, not to " + peer));
    }

    @Override
    public void changed(String path) {
        resource.changed(path);
    }

    @Override
    public void close() {
        try {
            if (!resource.awaitAnswers(CaliforniumConnection.CLOSE_GRACE)) {
                LOG.warn("{} closed with answers still unsent after {} ms", spec.name(), CaliforniumConnection.CLOSE_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outgoing.close(spec.name());
        endpoint.destroy();
        if (announce) {
            LOG.info("{} on {} closed", spec.name(), spec.address());
        }
    }
}
