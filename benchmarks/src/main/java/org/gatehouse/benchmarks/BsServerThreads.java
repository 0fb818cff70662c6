package org.gatehouse.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;

/**
 * Where a bootstrap server's CPU goes, by thread: one server alone in the JVM with the load generator (ours, or
 * Leshan's with {@code leshan}, or with {@code none} Californium alone answering with the same four requests and no
 * bootstrap logic: the floor under any server on that stack), ROUNDS rounds of N NoSec clients, 20 at a time; per round the rate, p50, p99 and
 * the server's CPU per bootstrap, then the CPU time and the bytes allocated of every group of threads (digits folded)
 * over all rounds; with {@code psk}, DTLS-PSK clients (a handshake and a credential each) instead of NoSec ones.
 * Thread CPU time, unlike JFR's samples, counts every thread that ran. Usage: {@code java -cp benchmarks.jar
 * org.gatehouse.benchmarks.BsServerThreads [ours|leshan|none] [N] [ROUNDS] [psk]} (5,000 and 6 by default).
 */
public final class BsServerThreads {

    private BsServerThreads() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "ours";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        boolean psk = args.length > 3 && args[3].equals("psk");
        ScheduledExecutorService executor = BsLoad.clientThreads();
        BsLoad load = new BsLoad(executor);
        try (BsLoad.Target server = switch (which) {
            case "leshan" -> new LeshanBsServer();
            case "none" -> new NullBsServer();
            case "ours" -> new OurBsServer(Files.createTempDirectory("bsthreads"), 1000);
            default -> throw new IllegalArgumentException("which server: ours, leshan or none, not " + which);
        }) {
            for (int round = 0; round < rounds; round++) {
                String tag = "r" + round + "-";
                List<String> names = IntStream.range(0, n).mapToObj(i -> "bench-" + tag + i).toList();
                for (String name : names) {
                    if (psk) {
                        server.addPsk(name, BsServerLoad.PSK);
                    } else if (server instanceof LeshanBsServer l) {
                        l.addNoSec(name);
                    }
                }
                long cpu = BsLoad.serverCpuNanos(server);
                BsLoad.Result r = load.run(server.uri(psk), names, psk ? BsServerLoad.PSK : null, 20);
                System.out.printf("%s round %d: %.0f bootstraps/s, p50 %.1f ms, p99 %.1f ms, %d errors, server CPU %.3f ms per bootstrap%n",
                    server.name(), round, r.rate(), r.ms(50), r.ms(99), r.errors(), (BsLoad.serverCpuNanos(server) - cpu) / 1e6 / r.nanos().size());
            }
            System.out.println("By thread group over all rounds, CPU ms and MB allocated (the clients' threads too: UDP-* on port 0, bench-clients, main):");
            byGroup().forEach((group, cpuAndBytes) -> System.out.printf("%9.0f %9.1f  %s%n", cpuAndBytes[0] / 1e6, cpuAndBytes[1] / 1e6, group));
        } finally {
            executor.shutdownNow();
        }
        System.exit(0);
    }

    /** CPU nanoseconds and bytes allocated by the live threads, by name with digits folded (groups of more than 10 ms). */
    private static Map<String, long[]> byGroup() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, long[]> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long[] sums = groups.computeIfAbsent(info.getThreadName().replaceAll("\\d+", "#"), k -> new long[2]);
                sums[0] += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                sums[1] += Math.max(0, threads.getThreadAllocatedBytes(info.getThreadId()));
            }
        }
        groups.values().removeIf(sums -> sums[0] <= 10_000_000);
        return groups;
    }
}
