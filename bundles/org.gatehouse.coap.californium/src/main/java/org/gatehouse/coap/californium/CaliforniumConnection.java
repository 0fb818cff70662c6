package org.gatehouse.coap.californium;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.eclipse.californium.elements.config.Configuration;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Californium endpoint per peer: its own socket and DTLS session, so that each account's
 * security stays separate and closing the connection tears the session down.
 */
final class CaliforniumConnection implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(CaliforniumConnection.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final PeerSpec peer;
    private final InetSocketAddress address;
    private final CoapEndpoint endpoint;
    private final RequestHandler handler;
    private final String serverName;
    private final PendingResponses pending = new PendingResponses();

    CaliforniumConnection(PeerSpec peer, RequestHandler handler, Configuration config, java.util.concurrent.ScheduledExecutorService executor,
            java.util.concurrent.ScheduledExecutorService timer) throws TransportException {
        this.peer = peer;
        this.handler = handler;
        this.serverName = serverName(peer);
        try {
            this.address = new InetSocketAddress(InetAddress.getByName(peer.uri().getHost()), peer.port());
        } catch (UnknownHostException e) {
            throw new TransportException(TransportException.Kind.UNREACHABLE, peer.name() + ": unknown host " + peer.uri().getHost(), e);
        }
        this.endpoint = new CoapEndpoint.Builder().setConnector(Connectors.create(peer, config)).setConfiguration(config).build();
        endpoint.setMessageDeliverer(new Deliverer());
        endpoint.setExecutors(executor, timer);
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.CONFIGURATION, peer.name() + ": cannot open a local socket: " + e.getMessage(), e);
        }
        LOG.debug("Connection to {} ({}) on local port {}", peer.name(), peer.uri(), localPort());
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
        Request req = Messages.toCalifornium(request);
        req.setDestinationContext(new org.eclipse.californium.elements.AddressEndpointContext(address, serverName, null));
        LOG.trace("{} -> {}: {}", localPort(), peer.name(), request);
        endpoint.sendRequest(req);
        Response res;
        try {
            res = req.waitForResponse(timeout.toMillis());
        } catch (InterruptedException e) {
            req.cancel();
            Thread.currentThread().interrupt();
            throw new TransportException(TransportException.Kind.CLOSED, peer.name() + ": interrupted", e);
        }
        if (res == null) {
            req.cancel();
            Throwable error = req.getSendError();
            if (error != null || req.isRejected()) {
                throw new TransportException(peer.security() instanceof PeerSecurity.NoSec ? TransportException.Kind.UNREACHABLE
                    : TransportException.Kind.HANDSHAKE_FAILED, peer.name() + ": " + request.method() + " " + request.pathString()
                    + " failed: " + (error != null ? error.getMessage() : "rejected"), error);
            }
            throw new TransportException(TransportException.Kind.TIMEOUT, peer.name() + ": no response to " + request.method() + " "
                + request.pathString() + " within " + timeout.toMillis() + " ms");
        }
        CoapResponse response = Messages.fromCalifornium(res);
        LOG.trace("{} <- {}: {}", localPort(), peer.name(), response);
        return response;
    }

    @Override
    public void close() {
        // Answers still on their way (the 2.04 to a Bootstrap-Finish that released the caller) leave first.
        try {
            if (!pending.awaitNone(CLOSE_GRACE)) {
                LOG.warn("Connection to {} closed with answers still unsent after {} ms", peer.name(), CLOSE_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoint.destroy();
    }

    private final class Deliverer implements MessageDeliverer {
        @Override
        public void deliverRequest(Exchange exchange) {
            pending.begin();
            boolean handedOver = false;
            try {
                Request request = exchange.getRequest();
                Response response = request.getPayloadSize() > CaliforniumTransport.MAX_BODY ? tooLarge(request)
                    : Messages.toCalifornium(answer(request));
                pending.track(response);
                handedOver = true;
                exchange.sendResponse(response);
            } finally {
                if (!handedOver) {
                    pending.end();
                }
            }
        }

        // Californium limits only block-wise bodies; one datagram may carry up to 64 KiB.
        private Response tooLarge(Request request) {
            LOG.warn("Request {} {} from {} refused: {} bytes, more than {}", request.getCode(), request.getOptions().getUriPathString(),
                peer.name(), request.getPayloadSize(), CaliforniumTransport.MAX_BODY);
            Response r = new Response(org.eclipse.californium.core.coap.CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE);
            r.getOptions().setSize1(CaliforniumTransport.MAX_BODY);
            r.setPayload("request body of " + request.getPayloadSize() + " bytes is larger than " + CaliforniumTransport.MAX_BODY
                + "; send it block-wise (Block1)");
            return r;
        }

        private CoapResponse answer(Request req) {
            InetSocketAddress from = req.getSourceContext().getPeerAddress();
            // With DTLS only the peer this (client-only) connector handshaked with can send; without
            // it, the peer's address is the only proof of identity there is.
            if (!from.equals(address)) {
                LOG.warn("Request from {} refused: connection {} accepts only {}", from, peer.name(), address);
                return CoapResponse.error(ResponseCode.UNAUTHORIZED, "unknown peer");
            }
            try {
                return handler.handle(Messages.fromCalifornium(req));
            } catch (RuntimeException e) {
                LOG.error("Request {} {} from {} failed", req.getCode(), req.getOptions().getUriPathString(), peer.name(), e);
                return CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, "internal error: " + e.getMessage());
            }
        }

        @Override
        public void deliverResponse(Exchange exchange, Response response) {
            exchange.getRequest().setResponse(response);
        }
    }
}
