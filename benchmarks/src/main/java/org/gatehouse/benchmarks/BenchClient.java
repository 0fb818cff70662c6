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
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * The least an LwM2M client must do to be bootstrapped: POST /bs, then 2.05 to Discover (link format)
 * and Read, 2.02 to Delete, 2.04 to Write and to Bootstrap-Finish. Its own socket (and DTLS session),
 * as a device has. {@link #result} completes with nanoseconds from Bootstrap-Request to Finish.
 */
final class BenchClient implements MessageDeliverer {
    private static final String LINKS = "</>;lwm2m=1.1,</0/0>,</1>,</3/0>";
    final CompletableFuture<Long> result = new CompletableFuture<>();
    private final CoapEndpoint endpoint;
    private final CompletableFuture<Void> hold;
    private long start;

    /**
     * @param psk null for NoSec
     * @param hold the first request of the server is answered only once this completes (to count open sessions' memory)
     */
    BenchClient(Configuration config, String endpointName, byte[] psk, ScheduledExecutorService executor, CompletableFuture<Void> hold) {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        Connector connector = psk == null ? new UDPConnector(local, config)
            : new DTLSConnector(DtlsConnectorConfig.builder(config).setAddress(local)
                .setAdvancedPskStore(new AdvancedSinglePskStore(endpointName, psk)).build());
        endpoint = new CoapEndpoint.Builder().setConnector(connector).setConfiguration(config).build();
        endpoint.setExecutors(executor, executor);
        endpoint.setMessageDeliverer(this);
        this.hold = hold;
    }

    void start(String serverUri, String endpointName) throws java.io.IOException {
        endpoint.start();
        Request request = Request.newPost();
        request.setURI(serverUri + "/bs?ep=" + endpointName);
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                if (response.getCode() != ResponseCode.CHANGED) {
                    result.completeExceptionally(new IllegalStateException("Bootstrap-Request answered " + response.getCode()));
                }
            }

            @Override
            protected void failed() {
                result.completeExceptionally(new IllegalStateException("Bootstrap-Request failed (timeout, rejected or not sent)"));
            }
        });
        start = System.nanoTime();
        endpoint.sendRequest(request);
    }

    @Override
    public void deliverRequest(Exchange exchange) {
        if (hold != null && !hold.isDone()) {
            hold.thenRun(() -> deliverRequest(exchange));
            return;
        }
        Request request = exchange.getRequest();
        Response response;
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
                if ("bs".equals(request.getOptions().getUriPathString())) {
                    result.complete(System.nanoTime() - start);
                }
            }
            default -> response = new Response(ResponseCode.CHANGED);
        }
        exchange.sendResponse(response);
    }

    @Override
    public void deliverResponse(Exchange exchange, Response response) {
        exchange.getRequest().setResponse(response);
    }

    void destroy() {
        endpoint.destroy();
    }
}
