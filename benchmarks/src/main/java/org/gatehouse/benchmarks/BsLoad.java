package org.gatehouse.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;

/** N bootstrap clients, C at a time, against one bootstrap server; latencies and heap after GC. */
final class BsLoad {
    /** The server account every configuration gives (nothing listens there: the clients do not register). */
    static final String SERVER_URI = "coap://127.0.0.1:5683";

    /** A bootstrap server under load. */
    interface Target extends AutoCloseable {
        String name();

        /** Makes {@code endpoint} (identity = endpoint name) known with its PSK, served the same configuration. */
        void addPsk(String endpoint, byte[] key) throws Exception;

        String uri(boolean psk);

        /** Names of the threads of its own, besides those of its sockets (which carry their port in their names). */
        List<String> threadPrefixes();
    }

    /** CPU nanoseconds spent so far by the live threads of {@code t} (its own pools and its sockets' threads). */
    static long serverCpuNanos(Target t) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.regex.Pattern ports = java.util.regex.Pattern.compile(".*:(" + URI.create(t.uri(false)).getPort() + "|"
            + URI.create(t.uri(true)).getPort() + ")(\\D.*|$)");
        long sum = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (t.threadPrefixes().stream().anyMatch(info.getThreadName()::startsWith) || ports.matcher(info.getThreadName()).matches())) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    record Result(int clients, double seconds, List<Long> nanos, int errors, String firstError) {
        double rate() {
            return nanos.size() / seconds;
        }

        double ms(int percentile) {
            if (nanos.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            int i = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
        }
    }

    /** The clients' two threads ("bench-clients"), daemons: their timers and callbacks. */
    static ScheduledExecutorService clientThreads() {
        return java.util.concurrent.Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-clients");
            t.setDaemon(true);
            return t;
        });
    }

    private final Configuration config;
    private final ScheduledExecutorService executor;

    BsLoad(ScheduledExecutorService executor) {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        config = Configuration.createStandardWithoutFile();
        // one thread each per client socket: the load generator must not crowd out the server on 2 cores
        config.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1).set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1)
            .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1).set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1)
            .set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 2, TimeUnit.SECONDS);
        // what LwM2M devices offer: the mandatory PSK suite alone. Scandium's default offer puts ECDHE_PSK first, which a
        // server that supports it (ours) pays for with EC key agreement and one that does not (Leshan's) does not: not the same load
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false)
            .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
        this.executor = executor;
    }

    /**
     * Bootstraps {@code names} (keys non-null for PSK), {@code concurrency} at a time. NoSec clients reuse
     * {@code concurrency} sockets, each bootstrapped again under the next name once its last bootstrap
     * finished; a PSK client is a new socket and a full DTLS handshake each.
     */
    Result run(String uri, List<String> names, byte[] psk, int concurrency) throws InterruptedException {
        URI server = URI.create(uri);
        InetSocketAddress address = new InetSocketAddress(server.getHost(), server.getPort());
        Semaphore slots = new Semaphore(concurrency);
        Queue<BenchClient> idle = new ConcurrentLinkedQueue<>();
        List<BenchClient> sockets = Collections.synchronizedList(new ArrayList<>());
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        String[] firstError = {""};
        long start = System.nanoTime();
        for (String name : names) {
            slots.acquire();
            BenchClient client = psk == null ? idle.poll() : null;
            if (client == null) {
                client = new BenchClient(config, name, psk, executor, null);
                sockets.add(client);
            }
            BenchClient c = client;
            CompletableFuture<Long> result;
            try {
                result = c.bootstrap(server.getScheme(), address, name);
            } catch (Exception e) {
                result = CompletableFuture.failedFuture(e);
            }
            result.orTimeout(60, TimeUnit.SECONDS).whenComplete((ns, e) -> {
                if (e == null) {
                    nanos.add(ns);
                } else if (errors.getAndIncrement() == 0) {
                    firstError[0] = name + ": " + e;
                }
                if (psk == null && e == null) {
                    idle.add(c);
                } else {
                    sockets.remove(c);
                    executor.schedule(c::destroy, 1, TimeUnit.SECONDS); // after our answer to Finish went out
                }
                slots.release();
            });
        }
        slots.acquire(concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<BenchClient> left = List.copyOf(sockets);
        executor.schedule(() -> left.forEach(BenchClient::destroy), 1, TimeUnit.SECONDS);
        return new Result(names.size(), seconds, new ArrayList<>(nanos), errors.get(), firstError[0]);
    }

    /**
     * Heap held per open session: {@code count} clients send Bootstrap-Request and leave the server's first
     * request unanswered while the heap is measured after GC; then they finish.
     */
    long bytesPerOpenSession(String uri, List<String> names) throws Exception {
        long before = heapAfterGc();
        CompletableFuture<Void> hold = new CompletableFuture<>();
        List<BenchClient> clients = new ArrayList<>();
        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (String name : names) {
            BenchClient c = new BenchClient(config, name, null, executor, hold);
            clients.add(c);
            results.add(start(c, uri, name));
        }
        Thread.sleep(1500); // every Bootstrap-Request answered and each server's first request sent
        long during = heapAfterGc();
        hold.complete(null);
        CompletableFuture.allOf(results.stream().map(r -> r.exceptionally(e -> 0L)).toArray(CompletableFuture[]::new))
            .get(60, TimeUnit.SECONDS);
        clients.forEach(BenchClient::destroy);
        return (during - before - clientsOnly(names)) / names.size();
    }

    private static CompletableFuture<Long> start(BenchClient c, String uri, String name) throws java.io.IOException {
        URI u = URI.create(uri);
        return c.bootstrap(u.getScheme(), new InetSocketAddress(u.getHost(), u.getPort()), name);
    }

    /** The held clients are in the same heap: as many clients with a request out to a port where nothing answers. */
    private long clientsOnly(List<String> names) throws Exception {
        long before = heapAfterGc();
        List<BenchClient> clients = new ArrayList<>();
        for (String name : names) {
            BenchClient c = new BenchClient(config, name, null, executor, null);
            clients.add(c);
            start(c, "coap://127.0.0.1:9", name);
        }
        long during = heapAfterGc();
        clients.forEach(BenchClient::destroy);
        return during - before;
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
