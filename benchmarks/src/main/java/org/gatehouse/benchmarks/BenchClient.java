package org.gatehouse.benchmarks;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * The least an LwM2M client must do to be bootstrapped: POST /bs, then 2.05 to Discover (link format)
 * and Read, 2.02 to Delete, 2.04 to Write and to Bootstrap-Finish. Its own socket (and DTLS session),
 * as a device has. A NoSec client may be bootstrapped again under another name once its last
 * bootstrap finished (the load generator reuses its sockets so that it costs less than the servers).
 */
final class BenchClient implements MessageDeliverer {
    private static final String LINKS = "</>;lwm2m=1.1,</0/0>,</1>,</3/0>";
    private final CoapEndpoint endpoint;
    private final CompletableFuture<Void> hold;
    private volatile CompletableFuture<Long> result;
    private volatile long start;

    /**
     * @param pskIdentity with {@code psk}: this client's identity; both null for NoSec
     * @param hold the first request of the server is answered only once this completes (to count open sessions' memory)
     */
    BenchClient(Configuration config, String pskIdentity, byte[] psk, ScheduledExecutorService executor, CompletableFuture<Void> hold) {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        Connector connector = psk == null ? new UDPConnector(local, config)
            : new DTLSConnector(DtlsConnectorConfig.builder(config).setAddress(local)
                .setAdvancedPskStore(new AdvancedSinglePskStore(pskIdentity, psk)).build());
        endpoint = new CoapEndpoint.Builder().setConnector(connector).setConfiguration(config).build();
        endpoint.setExecutors(executor, executor);
        endpoint.setMessageDeliverer(this);
        this.hold = hold;
    }

    /**
     * Sends Bootstrap-Request as {@code endpointName} to {@code server} ({@code "coap"} or {@code "coaps"});
     * completes with nanoseconds from the request to Finish. One bootstrap at a time.
     */
    CompletableFuture<Long> bootstrap(String scheme, InetSocketAddress server, String endpointName) throws java.io.IOException {
        CompletableFuture<Long> r = new CompletableFuture<>();
        result = r;
        endpoint.start();
        Request request = Request.newPost();
        // the destination as an address, not a URI: parsing one per request cost the generator more than the servers
        request.setScheme(scheme);
        request.setDestinationContext(new AddressEndpointContext(server));
        request.getOptions().setUriPath("bs").setUriQuery("ep=" + endpointName);
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                if (response.getCode() != ResponseCode.CHANGED) {
                    r.completeExceptionally(new IllegalStateException("Bootstrap-Request answered " + response.getCode()));
                }
            }

            @Override
            protected void failed() {
                r.completeExceptionally(new IllegalStateException("Bootstrap-Request failed (timeout, rejected or not sent)"));
            }
        });
        start = System.nanoTime();
        endpoint.sendRequest(request);
        return r;
    }

    @Override
    public void deliverRequest(Exchange exchange) {
        if (hold != null && !hold.isDone()) {
            hold.thenRun(() -> deliverRequest(exchange));
            return;
        }
        Request request = exchange.getRequest();
        Response response;
        boolean finished = false;
        switch (request.getCode()) {
            case GET -> {
                response = new Response(ResponseCode.CONTENT);
                if (request.getOptions().getAccept() == MediaTypeRegistry.APPLICATION_LINK_FORMAT) {
                    response.setPayload(LINKS.getBytes(StandardCharsets.US_ASCII));
                    response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
                } else {
                    response.getOptions().setContentFormat(11542); // an empty TLV
                }
            }
            case DELETE -> response = new Response(ResponseCode.DELETED);
            case POST -> {
                response = new Response(ResponseCode.CHANGED);
                finished = "bs".equals(request.getOptions().getUriPathString());
            }
            default -> response = new Response(ResponseCode.CHANGED);
        }
        long ns = System.nanoTime() - start;
        exchange.sendResponse(response);
        if (finished) { // after the answer went out: the next bootstrap of this socket may start now
            result.complete(ns);
        }
    }

    @Override
    public void deliverResponse(Exchange exchange, Response response) {
        exchange.getRequest().setResponse(response);
    }

    void destroy() {
        endpoint.destroy();
    }
}
