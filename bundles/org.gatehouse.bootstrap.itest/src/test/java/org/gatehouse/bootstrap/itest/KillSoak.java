package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 soak, outside the default build (not a *Test; {@code scripts/soak-kill.sh N}): the gateway
 * runs as a process of its own ({@link GatewayProcess}) against Leshan's bootstrap server and server,
 * and is SIGKILLed N times at random moments: from its start (bootstrap, registration), or once
 * registered while Leshan's server writes /1/0/1 Lifetime over and over and, every other round, has
 * it bootstrap again (Execute /1/0/9). After each kill the store must open as one committed state: a
 * revision never below the one seen before, the bootstrap-server account, either no server account
 * or one whole (Security and Server instances with SSID 101), and a lifetime Leshan wrote or the
 * bootstrap's. Every restart that is given the time registers; the last one must.
 */
class KillSoak extends WithLeshan {

    private static final Duration T = Duration.ofSeconds(60);
    private final java.util.concurrent.atomic.AtomicInteger writesChanged = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void kill_9_at_random_moments_leaves_a_committed_state_and_the_gateway_registers_again() throws Exception {
        int kills = Integer.getInteger("soak.kills", 20);
        Random random = new Random(Long.getLong("soak.seed", 1));
        String ep = "gw-soak";
        bootstrapFailuresExpected = true; // a killed gateway leaves Leshan's session unfinished, by design
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP)));
        Path store = dir.resolve("store");
        FileObjectStore initial = new FileObjectStore(store);
        try (var tx = initial.begin(Duration.ofSeconds(5))) {
            tx.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
            tx.commit();
        }
        Set<Long> lifetimes = ConcurrentHashMap.newKeySet();
        lifetimes.add(300L); // the bootstrap's
        long revision = initial.snapshot().revision();
        int registeredRestarts = 0;
        int afterRegistration = 0;
        long start = System.nanoTime();
        for (int round = 1; round <= kills; round++) {
            Process gw = spawn(store, ep);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(gw.getInputStream(), StandardCharsets.US_ASCII))) {
                if (random.nextBoolean()) { // during start: bootstrap or registration
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500 + random.nextInt(2500)));
                } else { // once registered, during Leshan's writes (and a bootstrap every other time)
                    assertEquals("registered", firstLine(out), "round " + round + ": the gateway registers after the restart");
                    registeredRestarts++;
                    afterRegistration++;
                    AtomicBoolean writing = new AtomicBoolean(true);
                    Thread writer = new Thread(() -> writeLifetimes(ep, lifetimes, writing, random.nextLong()));
                    writer.start();
                    if (round % 2 == 0) {
                        Registration r = leshan.server.getRegistrationService().getByEndpoint(ep);
                        if (r != null) {
                            leshan.server.send(r, new ExecuteRequest(1, 0, 9), 5000);
                        }
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(400)));
                    gw.toHandle().destroyForcibly();
                    writing.set(false);
                    writer.join();
                }
                gw.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                gw.waitFor();
            } finally {
                gw.toHandle().destroyForcibly();
            }
            revision = check(store, revision, lifetimes, round);
            if (round % 25 == 0) { // a long run shows how far it got
                System.out.printf("kill soak: %d of %d kills checked (%d once registered), %d s%n", round, kills, afterRegistration,
                    (System.nanoTime() - start) / 1_000_000_000);
            }
        }
        Process last = spawn(store, ep);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(last.getInputStream(), StandardCharsets.US_ASCII))) {
            assertEquals("registered", firstLine(out), "the gateway registers after the last kill");
            registeredRestarts++;
        } finally {
            last.toHandle().destroyForcibly();
            last.waitFor();
        }
        System.out.printf("kill soak: %d kills (%d once registered), %d restarts checked registered, last store revision %d, "
            + "%d lifetime writes sent, %d answered 2.04, %d s%n", kills, afterRegistration, registeredRestarts, revision, lifetimes.size() - 1,
            writesChanged.get(), (System.nanoTime() - start) / 1_000_000_000);
    }

    /** The process's next line, or null when none came within {@link #T}. */
    private static String firstLine(BufferedReader out) throws Exception {
        try {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(T.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    private Process spawn(Path store, String ep) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"), GatewayProcess.class.getName(),
            store.toString(), ep).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Leshan's server writes random lifetimes while {@code writing}; each value is noted before it is sent. */
    private void writeLifetimes(String ep, Set<Long> lifetimes, AtomicBoolean writing, long seed) {
        Random random = new Random(seed);
        while (writing.get()) {
            Registration r = leshan.server.getRegistrationService().getByEndpoint(ep);
            if (r == null) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // registering again: nobody to write to yet
                continue;
            }
            long value = 100 + random.nextInt(100_000);
            lifetimes.add(value);
            try {
                var response = leshan.server.send(r, new WriteRequest(ContentFormat.TEXT, 1, 0, 1, value), 1000);
                if (response != null && response.isSuccess()) {
                    writesChanged.incrementAndGet();
                }
            } catch (Exception e) {
                // the gateway was killed under the write: what counts is what the store holds
            }
        }
    }

    /** The store after a kill: one committed state, never older than the last one seen. */
    private static long check(Path store, long before, Set<Long> lifetimes, int round) throws Exception {
        ObjectTree tree = new FileObjectStore(store).snapshot();
        String where = "round " + round + ", revision " + tree.revision();
        assertTrue(tree.revision() >= before, where + ": the store went back from revision " + before);
        LwM2mObject security = (LwM2mObject) tree.read(LwM2mPath.of(0)).orElseThrow();
        long bootstrapAccounts = security.instances().values().stream().filter(i -> isBootstrap(i)).count();
        assertEquals(1, bootstrapAccounts, where + ": one bootstrap-server account");
        List<LwM2mObjectInstance> servers = security.instances().values().stream().filter(i -> !isBootstrap(i)).toList();
        if (!servers.isEmpty()) {
            assertEquals(1, servers.size(), where);
            assertEquals(Value.integer(101), ((SingleResource) servers.get(0).resource(10)).value(), where);
            LwM2mObject server = (LwM2mObject) tree.read(LwM2mPath.of(1)).orElseThrow(() -> new AssertionError(where + ": Security without Server"));
            assertEquals(1, server.instances().size(), where);
            LwM2mObjectInstance s = server.instances().values().iterator().next();
            assertEquals(Value.integer(101), ((SingleResource) s.resource(0)).value(), where);
            Value lifetime = ((SingleResource) s.resource(1)).value();
            assertNotNull(lifetime, where);
            assertTrue(lifetimes.stream().anyMatch(l -> Value.integer(l).equals(lifetime)), where + ": lifetime " + lifetime + " nobody wrote");
        } else {
            assertTrue(tree.read(LwM2mPath.of(1)).map(o -> ((LwM2mObject) o).instances().isEmpty()).orElse(true), where + ": Server without Security");
        }
        return tree.revision();
    }

    private static boolean isBootstrap(LwM2mObjectInstance i) {
        return Value.bool(true).equals(((SingleResource) i.resource(1)).value());
    }
}
