package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bootstrap server that accepts Bootstrap-Request, writes a Server instance and never sends
 * Bootstrap-Finish: after the finish timeout the bootstrap fails and what it wrote is discarded.
 */
class FinishTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void no_finish_within_the_timeout_fails_the_bootstrap_and_discards_its_writes() throws Exception {
        CompletableFuture<CoAP.ResponseCode> written = new CompletableFuture<>();
        CoapServer bs = new CoapServer(Configuration.createStandardWithoutFile());
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        bs.addEndpoint(endpoint);
        bs.add(new CoapResource("bs") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CHANGED);
                InetSocketAddress gateway = exchange.getSourceSocketAddress();
                CompletableFuture.runAsync(() -> { // a Bootstrap-Write of /1/0, then silence
                    CoapClient client = new CoapClient("coap://127.0.0.1:" + gateway.getPort() + "/1/0");
                    client.setEndpoint(endpoint);
                    try {
                        CoapResponse r = client.put(HexFormat.of().parseHex("C10065C201012CC10600C10755"), 11542);
                        written.complete(r == null ? null : r.getCode());
                    } catch (Exception e) {
                        written.completeExceptionally(e);
                    }
                });
            }
        });
        bs.start();
        try (TestGateway gw = new TestGateway(dir.resolve("store"), "gw-nofinish", Map.of("attempts", 1, "finish_timeout", 1L))) {
            gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, "coap://127.0.0.1:" + endpoint.getAddress().getPort(), null, null));
            var before = gw.store.snapshot();
            gw.coordinator.start(Optional.of(BootstrapMode.CLIENT));
            assertEquals(CoAP.ResponseCode.CHANGED, written.get(10, TimeUnit.SECONDS), "the write was taken into the session");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !gw.coordinator.history().isEmpty());
            ModeOutcome outcome = gw.coordinator.last().orElseThrow().outcome();
            assertEquals(ModeOutcome.Result.FAILED, outcome.result());
            assertTrue(outcome.detail().contains("no Bootstrap-Finish within 1 s"), outcome.detail());
            assertEquals(before, gw.store.snapshot(), "the unfinished bootstrap's write is discarded");
            assertTrue(gw.store.read(LwM2mPath.of(1, 0)).isEmpty());
        } finally {
            bs.destroy();
        }
    }
}
