package org.gatehouse.benchmarks;

import java.net.InetSocketAddress;
import java.util.List;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

/**
 * No bootstrap server at all: answers Bootstrap-Request and sends the same four requests the real
 * ones send (Delete /, Write /0/1, Write /1/0, Finish) with no configuration, storage or log behind
 * them. Load against it measures the load generator alone: what rate it can offer at most.
 */
final class NullBsServer implements BsLoad.Target {
    private static final List<String> PATHS = List.of("", "0/1", "1/0", "bs");
    private final AdvancedMultiPskStore psks = new AdvancedMultiPskStore();
    private final CoapServer server = new CoapServer();
    private final CoapEndpoint coap;
    private final CoapEndpoint coaps;

    NullBsServer() {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        coap = new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(any).build();
        coaps = new CoapEndpoint.Builder().setConfiguration(config)
            .setConnector(new DTLSConnector(DtlsConnectorConfig.builder(config).setAddress(any).setAdvancedPskStore(psks).build())).build();
        server.addEndpoint(coap);
        server.addEndpoint(coaps);
        server.add(new CoapResource("bs") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.respond(ResponseCode.CHANGED);
                send(exchange.advanced().getEndpoint(), exchange.advanced().getRequest().getSourceContext(), 0);
            }
        });
        server.start();
    }

    private static void send(Endpoint endpoint, EndpointContext peer, int step) {
        Request r = step == 0 ? Request.newDelete() : step < 3 ? Request.newPut() : Request.newPost();
        r.setDestinationContext(peer);
        if (!PATHS.get(step).isEmpty()) {
            r.getOptions().setUriPath(PATHS.get(step));
        }
        if (step == 1 || step == 2) {
            r.getOptions().setContentFormat(11542);
            r.setPayload(new byte[] {0x08, 0x00, 0x00}); // an instance with no resources, as TLV
        }
        if (step < 3) {
            r.addMessageObserver(new MessageObserverAdapter() {
                @Override
                public void onResponse(Response response) {
                    send(endpoint, peer, step + 1);
                }
            });
        }
        endpoint.sendRequest(r);
    }

    /** Californium's CoapServer pool (Leshan's and the responder's have the same names: only one is under load at a time). */
    @Override
    public List<String> threadPrefixes() {
        return List.of("CoapServer");
    }

    @Override
    public String name() {
        return "no server";
    }

    @Override
    public void addPsk(String endpoint, byte[] key) {
        psks.setKey(endpoint, key);
    }

    @Override
    public String uri(boolean psk) {
        return (psk ? "coaps://127.0.0.1:" + coaps.getAddress().getPort() : "coap://127.0.0.1:" + coap.getAddress().getPort());
    }

    @Override
    public void close() {
        server.destroy();
    }
}
