package org.gatehouse.benchmarks;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;

/**
 * Load benchmark of the bootstrap server, ours and Eclipse Leshan's side by side in one JVM (and the load
 * generator alone, against a responder with no server behind it, to show it is not what limits them): N minimal
 * LwM2M clients, C at a time, NoSec and PSK (PSK with N/5 clients: one DTLS handshake and one stored
 * credential each); bootstraps per second, latency percentiles (Bootstrap-Request sent to Finish
 * received), heap after GC, heap per open session; then 10,000 clients of ours to show the heap bounded.
 * Usage: {@code scripts/bench.sh bsserver [N] [C] [BOUNDED_N] [IDLE_S]} (BOUNDED_N 0 skips that run; IDLE_S: seconds
 * to wait after it, then the heap again: the CoAP layer keeps finished exchanges for deduplication for
 * EXCHANGE_LIFETIME, 247 s by default, so the heap right after a run grows with rate x 247 s, not with clients).
 */
public final class BsServerLoad {
    static final byte[] PSK = java.util.HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    private BsServerLoad() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int c = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int bounded = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int idle = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        ScheduledExecutorService executor = BsLoad.clientThreads();
        BsLoad load = new BsLoad(executor);
        List<String> rows = new ArrayList<>();
        try (NullBsServer none = new NullBsServer(); OurBsServer ours = new OurBsServer(Files.createTempDirectory("bsbench"), 1000);
                LeshanBsServer leshan = new LeshanBsServer()) {
            List<BsLoad.Target> targets = List.of(none, ours, leshan);
            for (BsLoad.Target t : targets) { // warm-up as long as the run: JIT of both servers and the clients
                List<String> warm = names(t, "warm", n, false);
                load.run(t.uri(false), warm, null, c);
            }
            for (boolean psk : new boolean[] {false, true}) {
                int count = psk ? Math.max(c, n / 5) : n;
                Map<BsLoad.Target, BsLoad.Result> results = new HashMap<>();
                Map<BsLoad.Target, Double> cpuPerBootstrap = new HashMap<>();
                for (BsLoad.Target t : targets) {
                    List<String> names = names(t, psk ? "psk" : "nosec", count, psk);
                    long before = BsLoad.heapAfterGc();
                    long cpu = BsLoad.serverCpuNanos(t);
                    BsLoad.Result r = load.run(t.uri(psk), names, psk ? PSK : null, c);
                    double cpuMs = (BsLoad.serverCpuNanos(t) - cpu) / 1e6 / Math.max(1, r.nanos().size());
                    long after = BsLoad.heapAfterGc();
                    results.put(t, r);
                    cpuPerBootstrap.put(t, cpuMs);
                    rows.add(String.format("%-9s %-5s %7d %4d %9.1f %7.1f %7.1f %7.1f %7.1f %6d %8.2f %8.1f %8.1f", t.name(), psk ? "PSK" : "NoSec",
                        count, c, r.rate(), r.ms(50), r.ms(90), r.ms(99), r.ms(100), r.errors(), cpuMs, mb(before), mb(after)));
                    System.out.println(rows.get(rows.size() - 1) + (r.errors() > 0 ? "   first error: " + r.firstError() : ""));
                }
                record(psk ? "PSK" : "NoSec", results.get(ours), results.get(leshan));
                BenchSummary.record("bootstrap server: CPU per bootstrap, " + (psk ? "PSK" : "NoSec"), cpuPerBootstrap.get(ours),
                    cpuPerBootstrap.get(leshan), "ms", cpuPerBootstrap.get(leshan) / cpuPerBootstrap.get(ours));
            }
            List<String> perSession = new ArrayList<>();
            for (BsLoad.Target t : List.of(ours, leshan)) {
                List<String> names = names(t, "held", 200, false);
                perSession.add(String.format("%s %.1f KiB", t.name(), load.bytesPerOpenSession(t.uri(false), names) / 1024.0));
            }
            System.out.println();
            System.out.println("Bootstrap servers under load on loopback (" + uptime() + ")");
            System.out.printf("%-9s %-5s %7s %4s %9s %7s %7s %7s %7s %6s %8s %8s %8s%n", "server", "sec", "clients", "conc", "bs/s", "p50", "p90",
                "p99", "max", "errors", "cpu ms", "heapMB<", "heapMB>");
            rows.forEach(System.out::println);
            System.out.println("latency ms, Bootstrap-Request sent to Finish received; heap used after GC before and after the run (whole JVM: the servers and the clients)");
            System.out.println("cpu ms: CPU time of the server's own threads per bootstrap (its pools and its sockets' threads; the machine's load barely moves it)");
            System.out.println("\"no server\": the load generator alone, against a responder that only sends the four requests: the most it can offer");
            System.out.println("heap per open session (200 sessions held at their first request, the clients' own heap subtracted): " + String.join(", ", perSession));
            if (bounded > 0) {
                System.out.println();
                System.out.println("Gatehouse, " + bounded + " NoSec clients, " + c + " at a time; heap used after GC:");
                int done = 0;
                for (int mark : new int[] {bounded / 10, bounded / 2, bounded}) {
                    BsLoad.Result r = load.run(ours.uri(false), names(ours, "big" + mark, mark - done, false), null, c);
                    done = mark;
                    System.out.printf("  after %6d clients: %8.1f MB  (this stretch %.1f bs/s, %d errors)%n", done, mb(BsLoad.heapAfterGc()), r.rate(), r.errors());
                }
                if (idle > 0) {
                    Thread.sleep(idle * 1000L);
                    System.out.printf("  %d s later, idle:    %8.1f MB%n", idle, mb(BsLoad.heapAfterGc()));
                }
            }
        } finally {
            executor.shutdownNow();
        }
        System.exit(0);
    }

    /** The rows of {@code bench.sh all}: rates (more is better) and p99/p50 (less is better), ours beside Leshan's. */
    private static void record(String sec, BsLoad.Result ours, BsLoad.Result leshan) {
        BenchSummary.record("bootstrap server: bootstraps per second, " + sec, ours.rate(), leshan.rate(), "boots/s", ours.rate() / leshan.rate());
        double oursSpread = ours.ms(99) / ours.ms(50);
        double leshanSpread = leshan.ms(99) / leshan.ms(50);
        BenchSummary.record("bootstrap server: latency p99 / p50, " + sec, oursSpread, leshanSpread, "ratio", leshanSpread / oursSpread);
    }

    /** Endpoint names bench-TAG-i, made known to the server first (Leshan: one configuration each; PSK: a credential each). */
    private static List<String> names(BsLoad.Target t, String tag, int count, boolean psk) throws Exception {
        List<String> names = IntStream.range(0, count).mapToObj(i -> "bench-" + tag + "-" + i).toList();
        for (String name : names) {
            if (psk) {
                t.addPsk(name, PSK);
            } else if (t instanceof LeshanBsServer l) {
                l.addNoSec(name);
            }
        }
        return names;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static String uptime() {
        try {
            String[] load = Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return "load average " + load[0] + " " + load[1] + " " + load[2] + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (java.io.IOException e) {
            return "load average unknown";
        }
    }
}
