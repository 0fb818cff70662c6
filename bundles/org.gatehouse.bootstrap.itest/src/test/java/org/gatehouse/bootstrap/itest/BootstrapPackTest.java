package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.junit.jupiter.api.Test;

/** Bootstrap-Pack-Request (1.2): used when configured, with a fall-back to Bootstrap-Request. */
class BootstrapPackTest extends WithLeshan {

    /** What the pack server was asked; recorded on Californium's thread, asserted on the test's. */
    private record Seen(String method, List<String> path, List<String> query, int accept) {
    }

    @Test
    void a_server_without_packs_gets_a_bootstrap_request_instead() throws Exception {
        String ep = "gw-pack-fallback";
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.SENML_CBOR, null, null, leshan.serverUri(Protocol.COAP)));
        gateway(ep, Map.of("attempts", 1, "bootstrap_pack", true));
        gateway.write(org.gatehouse.lwm2m.model.LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        assertEquals(Phase.REGISTERED, gateway.runSequence(Duration.ofSeconds(30)));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
        assertTrue(gateway.coordinator.last().orElseThrow().outcome().detail().startsWith("bootstrapped by"),
            gateway.coordinator.last().orElseThrow().outcome().detail());
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
    }

    @Test
    void a_pack_configures_the_gateway_without_bootstrap_finish() throws Exception {
        String ep = "gw-pack";
        Map<LwM2mPath, LwM2mNode> pack = new LinkedHashMap<>();
        pack.put(new LwM2mPath(0, 1), new LwM2mObjectInstance(1, LwM2mSingleResource.newStringResource(0, leshan.serverUri(Protocol.COAP)),
            LwM2mSingleResource.newBooleanResource(1, false), LwM2mSingleResource.newIntegerResource(2, 3),
            LwM2mSingleResource.newIntegerResource(10, 101)));
        pack.put(new LwM2mPath(1, 0), new LwM2mObjectInstance(0, LwM2mSingleResource.newIntegerResource(0, 101),
            LwM2mSingleResource.newIntegerResource(1, 300), LwM2mSingleResource.newBooleanResource(6, false),
            LwM2mSingleResource.newStringResource(7, "U")));
        byte[] payload = new DefaultLwM2mEncoder().encodeNodes(pack, ContentFormat.SENML_CBOR, new StaticModel(ObjectLoader.loadDefault()));
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        CoapServer bs = new CoapServer(Configuration.createStandardWithoutFile());
        bs.addEndpoint(new CoapEndpoint.Builder().setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        bs.add(new CoapResource("bspack") {
            @Override
            public void handleGET(CoapExchange exchange) {
                seen.add(new Seen(exchange.getRequestCode().name(), exchange.getRequestOptions().getUriPath(),
                    exchange.getRequestOptions().getUriQuery(), exchange.getRequestOptions().getAccept()));
                exchange.respond(CoAP.ResponseCode.CONTENT, payload, 112);
            }
        });
        bs.start();
        try {
            gateway(ep, Map.of("attempts", 1, "bootstrap_pack", true));
            gateway.write(org.gatehouse.lwm2m.model.LwM2mPath.of(0, 0),
                Accounts.bootstrapAccount(0, "coap://127.0.0.1:" + bs.getEndpoints().get(0).getAddress().getPort(), null, null));
            assertEquals(Phase.REGISTERED, gateway.runSequence(Duration.ofSeconds(30)));
            assertEquals(List.of(new Seen("GET", List.of("bspack"), List.of("ep=" + ep), 112)), List.copyOf(seen));
            assertTrue(gateway.coordinator.last().orElseThrow().outcome().detail().contains("bootstrap pack"));
            assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
            assertTrue(gateway.store.read(org.gatehouse.lwm2m.model.LwM2mPath.of(0, 0)).isPresent(), "the bootstrap-server account stays");
        } finally {
            bs.destroy();
        }
    }
}
