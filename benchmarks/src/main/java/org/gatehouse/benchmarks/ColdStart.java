package org.gatehouse.benchmarks;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.gatehouse.bootstrap.itest.Accounts;
import org.gatehouse.bootstrap.itest.LeshanPeers;

/**
 * Cold start: a new process to registered at Leshan's server, for bin/gatehouse (factory file with a
 * bootstrap-server account) and for Leshan's client (bootstrap-server account in code), against the
 * same Leshan bootstrap server and server on loopback. args: distribution folder, rounds.
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "runtime/target/gatehouse");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<Long> ours = new ArrayList<>();
        List<Long> leshan = new ArrayList<>();
        List<Long> oursKib = new ArrayList<>(); // resident set when registered, one per round
        List<Long> leshanKib = new ArrayList<>();
        try (LeshanPeers peers = new LeshanPeers()) {
            for (int i = 0; i < rounds; i++) {
                ours.add(gatehouse(peers, dist, "cold-gh-" + i, oursKib));
                String ep = "cold-lc-" + i;
                peers.bootstrapConfigs.add(ep, Accounts.config(peers.bootstrapUri(Protocol.COAP), ContentFormat.SENML_CBOR, null, null,
                    peers.serverUri(Protocol.COAP)));
                leshan.add(timed(peers, ep, new ProcessBuilder(java, "-cp", classpath, LeshanClientMain.class.getName(),
                    peers.bootstrapUri(Protocol.COAP), ep), null, leshanKib));
            }
        }
        System.out.println();
        System.out.println("New process to registered, " + rounds + " rounds, milliseconds (median / max)");
        System.out.printf("%-26s %8d %8d%n", "bin/gatehouse (Felix, 34 bundles)", pct(ours, 50), Collections.max(ours));
        System.out.printf("%-26s %8d %8d%n", "Leshan client (plain JVM)", pct(leshan, 50), Collections.max(leshan));
        BenchSummary.record("start-up: new process to registered (median)", pct(ours, 50), pct(leshan, 50), "ms",
            (double) pct(leshan, 50) / pct(ours, 50));
        if (!oursKib.isEmpty() && !leshanKib.isEmpty()) {
            System.out.printf("Resident set at registration, MiB (median): Gatehouse %.1f, Leshan client %.1f%n", pct(oursKib, 50) / 1024.0,
                pct(leshanKib, 50) / 1024.0);
            BenchSummary.record("memory: resident set at registration (median)", pct(oursKib, 50) / 1024.0, pct(leshanKib, 50) / 1024.0,
                "MiB", (double) pct(leshanKib, 50) / pct(oursKib, 50));
        }
    }

    private static long gatehouse(LeshanPeers peers, Path dist, String ep, List<Long> kib) throws Exception {
        peers.bootstrapConfigs.add(ep, Accounts.config(peers.bootstrapUri(Protocol.COAP), ContentFormat.SENML_CBOR, null, null,
            peers.serverUri(Protocol.COAP)));
        Path home = Files.createTempDirectory("gatehouse-cold");
        copy(dist, home);
        Files.writeString(home.resolve("etc/org.gatehouse.endpoint.cfg"), "name=" + ep + "\n");
        Files.writeString(home.resolve("etc/factory-bootstrap.json"), "[{\"bn\":\"/0/0/\",\"n\":\"0\",\"vs\":\""
            + peers.bootstrapUri(Protocol.COAP) + "\"},{\"n\":\"1\",\"vb\":true},{\"n\":\"2\",\"v\":3},{\"n\":\"11\",\"v\":0}]");
        return timed(peers, ep, new ProcessBuilder(home.resolve("bin/gatehouse").toString()).directory(home.toFile()), "stop 0\n", kib);
    }

    private static long timed(LeshanPeers peers, String ep, ProcessBuilder pb, String stop, List<Long> kib) throws Exception {
        long start = System.nanoTime();
        Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (peers.server.getRegistrationService().getByEndpoint(ep) == null) {
                if (!p.isAlive() || System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException(ep + " did not register");
                }
                Thread.sleep(2);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            residentKib(p.pid()).ifPresent(kib::add); // bin/gatehouse execs its JVM, so the pid is the JVM's
            return ms;
        } finally {
            if (stop != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stop.getBytes(StandardCharsets.UTF_8));
                }
                p.waitFor(20, TimeUnit.SECONDS);
            }
            p.destroyForcibly().waitFor();
        }
    }

    /** VmRSS of a process on Linux; empty elsewhere, and the memory row then says "not measured". */
    private static java.util.Optional<Long> residentKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return java.util.Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (java.io.IOException e) {
            // no /proc: not Linux
        }
        return java.util.Optional.empty();
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.naturalOrder())::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
