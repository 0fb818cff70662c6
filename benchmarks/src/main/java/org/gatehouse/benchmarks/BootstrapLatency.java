package org.gatehouse.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.RegisterRequest;
import org.gatehouse.bootstrap.itest.Accounts;
import org.gatehouse.bootstrap.itest.LeshanPeers;
import org.gatehouse.bootstrap.itest.TestGateway;
import org.gatehouse.lwm2m.model.LwM2mPath;

/**
 * Bootstrap + register latency in a warm JVM: the gateway's components and Leshan's own client, one
 * after the other, against the same Leshan bootstrap server and server on loopback (NoSec, SenML CBOR).
 * Prints median and 90th percentile side by side.
 */
public final class BootstrapLatency {
    private BootstrapLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<Long> ours = new ArrayList<>();
        List<Long> leshan = new ArrayList<>();
        try (LeshanPeers peers = new LeshanPeers()) {
            for (int i = 0; i < rounds + 5; i++) { // the first 5 of each warm up
                long g = gatehouse(peers, "gh-" + i);
                long l = leshanClient(peers, "lc-" + i);
                if (i >= 5) {
                    ours.add(g);
                    leshan.add(l);
                }
            }
        }
        System.out.println();
        System.out.println("Bootstrap + registration on loopback, " + rounds + " rounds, milliseconds (lower is better)");
        System.out.printf("%-10s %10s %10s%n", "", "median", "p90");
        System.out.printf("%-10s %10.1f %10.1f%n", "Gatehouse", pct(ours, 50), pct(ours, 90));
        System.out.printf("%-10s %10.1f %10.1f%n", "Leshan", pct(leshan, 50), pct(leshan, 90));
        System.out.printf("Leshan/Gatehouse (median): %.2fx%n", pct(leshan, 50) / pct(ours, 50));
        BenchSummary.record("latency: bootstrap + registration, warm (median)", pct(ours, 50), pct(leshan, 50), "ms",
            pct(leshan, 50) / pct(ours, 50));
        BenchSummary.record("latency: bootstrap + registration, warm (p90)", pct(ours, 90), pct(leshan, 90), "ms",
            pct(leshan, 90) / pct(ours, 90));
    }

    private static long gatehouse(LeshanPeers peers, String ep) throws Exception {
        peers.bootstrapConfigs.add(ep, Accounts.config(peers.bootstrapUri(Protocol.COAP), ContentFormat.SENML_CBOR, null, null, peers.serverUri(Protocol.COAP)));
        Path dir = Files.createTempDirectory("gatehouse-bench");
        try (TestGateway gw = new TestGateway(dir.resolve("store"), ep, Map.of("attempts", 1))) {
            gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, peers.bootstrapUri(Protocol.COAP), null, null));
            // from the sequence's start to the registrar's success, as Leshan's client from start() to its observer's
            long nanos = gw.nanosToRegistered(Duration.ofSeconds(30));
            if (nanos < 0) {
                throw new IllegalStateException("gateway did not register within 30 s");
            }
            return nanos;
        }
    }

    private static long leshanClient(LeshanPeers peers, String ep) throws Exception {
        peers.bootstrapConfigs.add(ep, Accounts.config(peers.bootstrapUri(Protocol.COAP), ContentFormat.SENML_CBOR, null, null, peers.serverUri(Protocol.COAP)));
        ObjectsInitializer init = new ObjectsInitializer(new StaticModel(ObjectLoader.loadDefault()));
        init.setInstancesForObject(0, Security.noSecBootstrap(peers.bootstrapUri(Protocol.COAP)));
        init.setClassForObject(1, Server.class);
        init.setInstancesForObject(3, new Device("Leshan", "client", "0000"));
        LeshanClientBuilder b = new LeshanClientBuilder(ep);
        b.setObjects(init.createAll());
        b.setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider()).build());
        LeshanClient client = b.build();
        CountDownLatch registered = new CountDownLatch(1);
        client.addObserver(new LwM2mClientObserverAdapter() {
            @Override
            public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String registrationID) {
                registered.countDown();
            }
        });
        long start = System.nanoTime();
        client.start();
        if (!registered.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Leshan client did not register");
        }
        long nanos = System.nanoTime() - start;
        client.destroy(true);
        return nanos;
    }

    /** The p-th percentile of nanosecond times, in milliseconds. */
    private static double pct(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
