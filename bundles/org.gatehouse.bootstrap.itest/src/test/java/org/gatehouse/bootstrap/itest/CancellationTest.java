package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapResource;
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

/** A bootstrap server that accepts Bootstrap-Request and then goes silent; the mode leaves mid-bootstrap. */
class CancellationTest {

    @TempDir
    Path dir;

    @Test
    void removing_the_mode_mid_bootstrap_cancels_it_and_keeps_the_configuration() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CoapServer silent = new CoapServer(Configuration.createStandardWithoutFile());
        silent.addEndpoint(new CoapEndpoint.Builder().setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        silent.add(new CoapResource("bs") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CHANGED);
                requested.countDown();
            }
        });
        silent.start();
        try (TestGateway gw = new TestGateway(dir.resolve("store"), "gw-cancel", Map.of("attempts", 1, "finish_timeout", 600L))) {
            gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, "coap://127.0.0.1:" + silent.getEndpoints().get(0).getAddress().getPort(), null, null));
            var before = gw.store.snapshot();
            gw.coordinator.start(Optional.of(BootstrapMode.CLIENT));
            assertTrue(requested.await(10, TimeUnit.SECONDS), "Bootstrap-Request never arrived");
            long start = System.nanoTime();
            gw.removeClientMode();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !gw.coordinator.history().isEmpty());
            ModeOutcome outcome = gw.coordinator.last().orElseThrow().outcome();
            assertEquals(ModeOutcome.Result.FAILED, outcome.result());
            assertTrue(outcome.detail().contains("cancelled"), outcome.detail());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "cancellation should take well under the finish timeout");
            assertEquals(before, gw.store.snapshot());
        } finally {
            silent.destroy();
        }
    }
}
