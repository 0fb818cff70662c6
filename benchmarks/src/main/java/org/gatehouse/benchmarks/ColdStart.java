package org.gatehouse.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.gatehouse.benchmarks.StartTimer.Start;
import org.gatehouse.bootstrap.itest.Accounts;
import org.gatehouse.bootstrap.itest.LeshanPeers;

/**
 * A new process to registered at Leshan's server, and its resident set registered and idle, for
 * bin/gatehouse and for Leshan's client, both at -Xmx32m, against the same Leshan bootstrap server
 * and server on loopback, NoSec and PSK. The gateway runs with every client feature (the
 * counterpart of Leshan's client) and as shipped (the all-in-one default, with its own bootstrap
 * server and LwM2M server); each copy of the distribution starts three times: its first start (a new
 * install: empty bundle cache, no class archive), its second (which checks and adopts the class archive the first
 * one left) and a later one (both caches kept as every later start finds them); data/ is otherwise emptied before
 * each, so that each bootstraps again. args: distribution folder (or several, comma-separated), rounds (3), idle seconds before the
 * second reading (5).
 */
public final class ColdStart {

    /** Every client feature: the default list without the servers' features and the SSH shell. */
    static final String CLIENT_FEATURES = "core,transport,bootstrap,bootstrap-smartcard,bootstrap-factory,bootstrap-server-push,"
        + "bootstrap-client,software-management,shell";
    private static final String HEAP = "-Xmx32m";
    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        // several distributions, comma-separated, are started round by round (to compare builds under the same
        // load); their rows are named after their folders, and the summary takes the first one's
        List<Path> dists = java.util.Arrays.stream((args.length > 0 ? args[0] : "runtime/target/gatehouse").split(",")).map(Path::of).toList();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int idle = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Map<String, List<Start>> results = new LinkedHashMap<>();
        try (LeshanPeers peers = new LeshanPeers()) {
            StartTimer timer = new StartTimer(peers, idle);
            for (int i = 0; i < rounds; i++) {
                for (boolean psk : new boolean[] {false, true}) {
                    String sec = psk ? "PSK" : "NoSec";
                    add(results, "Leshan client, " + sec, leshan(peers, timer, psk, "cold-lc-" + sec + "-" + i));
                    for (int d = 0; d < dists.size(); d++) {
                        gatehouse(peers, timer, dists.get(d), CLIENT_FEATURES, psk, "cold-gh-" + d + sec + "-" + i,
                            name(dists, d) + "client features, " + sec, results);
                    }
                }
                for (int d = 0; d < dists.size(); d++) {
                    gatehouse(peers, timer, dists.get(d), null, false, "cold-aio-" + d + "-" + i, name(dists, d) + "all-in-one default, NoSec",
                        results);
                }
            }
        }
        report(results, rounds, idle);
    }

    /** A row's prefix: none for the first distribution (the summary's), the folder's name for the others. */
    private static String name(List<Path> dists, int d) {
        return d == 0 ? "" : dists.get(d).getFileName() + ": ";
    }

    private static Start leshan(LeshanPeers peers, StartTimer timer, boolean psk, String ep) throws Exception {
        peers.bootstrapConfigs.add(ep, config(peers, psk, ep));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-cp",
            System.getProperty("java.class.path"), LeshanClientMain.class.getName(), bootstrapUri(peers, psk), ep));
        if (psk) {
            peers.addPsk(ep, ep, KEY);
            cmd.addAll(List.of(ep, HexFormat.of().formatHex(KEY)));
        }
        return timer.run(ep, new ProcessBuilder(cmd), null);
    }

    /** A new copy of the distribution started three times: its first start, its second, then a later one with the bundle cache and the class archive kept. */
    private static void gatehouse(LeshanPeers peers, StartTimer timer, Path dist, String features, boolean psk, String ep, String label,
            Map<String, List<Start>> results) throws Exception {
        peers.bootstrapConfigs.add(ep, config(peers, psk, ep));
        if (psk) {
            peers.addPsk(ep, ep, KEY);
        }
        Path home = Files.createTempDirectory("gatehouse-cold");
        copy(dist, home);
        if (features != null) {
            Path config = home.resolve("etc/config.properties");
            Files.writeString(config, Files.readString(config).replaceAll("(?m)^gatehouse\\.features=.*$", "gatehouse.features=" + features));
        }
        Files.writeString(home.resolve("etc/org.gatehouse.endpoint.cfg"), "name=" + ep + "\n");
        String account = psk ? ",{\"n\":\"2\",\"v\":0},{\"n\":\"3\",\"vd\":\"" + base64(ep.getBytes(StandardCharsets.UTF_8))
            + "\"},{\"n\":\"5\",\"vd\":\"" + base64(KEY) + "\"}" : ",{\"n\":\"2\",\"v\":3}";
        Files.writeString(home.resolve("etc/factory-bootstrap.json"), "[{\"bn\":\"/0/0/\",\"n\":\"0\",\"vs\":\"" + bootstrapUri(peers, psk)
            + "\"},{\"n\":\"1\",\"vb\":true}" + account + ",{\"n\":\"11\",\"v\":0}]");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/gatehouse").toString()).directory(home.toFile());
        pb.environment().put("JAVA_OPTS", HEAP);
        add(results, label + ", first start", timer.run(ep, pb, "stop 0\n"));
        // the second start checks the class archive the first one dumped at its exit (a JVM maps it once) and adopts
        // it; the third is what every later start is
        forget(home);
        add(results, label + ", second start", timer.run(ep, pb, "stop 0\n"));
        forget(home);
        add(results, label, timer.run(ep, pb, "stop 0\n"));
        delete(home);
    }

    /** Empties data/ but for the caches (bundles, classes): the next start bootstraps again. */
    private static void forget(Path home) throws Exception {
        try (Stream<Path> data = Files.list(home.resolve("data"))) {
            for (Path p : (Iterable<Path>) data.filter(p -> !java.util.Set.of("cache", "cds").contains(p.getFileName().toString()))::iterator) {
                delete(p);
            }
        }
    }

    private static org.eclipse.leshan.server.bootstrap.BootstrapConfig config(LeshanPeers peers, boolean psk, String ep) {
        return psk ? Accounts.config(bootstrapUri(peers, true), ContentFormat.SENML_CBOR, ep, KEY, peers.serverUri(Protocol.COAPS))
            : Accounts.config(bootstrapUri(peers, false), ContentFormat.SENML_CBOR, null, null, peers.serverUri(Protocol.COAP));
    }

    private static String bootstrapUri(LeshanPeers peers, boolean psk) {
        return peers.bootstrapUri(psk ? Protocol.COAPS : Protocol.COAP);
    }

    private static void report(Map<String, List<Start>> results, int rounds, int idle) {
        System.out.println();
        System.out.printf("New process to registered, %d rounds, both at %s: ms (median / max); resident set MiB (median) at registration / "
            + "registered and idle %d s later%n", rounds, HEAP, idle);
        results.forEach((label, starts) -> System.out.printf("%-56s %6d %6d   %6.1f %6.1f%n", label, median(starts, Start::millis),
            starts.stream().mapToLong(Start::millis).max().orElse(0), median(starts, Start::kibRegistered) / 1024.0,
            median(starts, Start::kibIdle) / 1024.0));
        time(results, "start-up: new process to registered, NoSec (median)", "client features, NoSec", "NoSec");
        time(results, "start-up: new process to registered, PSK (median)", "client features, PSK", "PSK");
        time(results, "start-up: first start of a new install, NoSec (median)", "client features, NoSec, first start", "NoSec");
        time(results, "start-up: all-in-one default, NoSec (median)", "all-in-one default, NoSec", "NoSec");
        memory(results, "memory: resident set, registered and idle (median)", "client features, NoSec");
        memory(results, "memory: resident set, registered and idle, all-in-one (median)", "all-in-one default, NoSec");
    }

    private static void time(Map<String, List<Start>> results, String row, String ours, String security) {
        long g = median(results.get(ours), Start::millis);
        long l = median(results.get("Leshan client, " + security), Start::millis);
        BenchSummary.record(row, g, l, "ms", (double) l / g);
    }

    private static void memory(Map<String, List<Start>> results, String row, String ours) {
        long g = median(results.get(ours), Start::kibIdle);
        long l = median(results.get("Leshan client, NoSec"), Start::kibIdle);
        if (g > 0 && l > 0) {
            BenchSummary.record(row, g / 1024.0, l / 1024.0, "MiB", (double) l / g);
        }
    }

    private static void add(Map<String, List<Start>> results, String label, Start start) {
        results.computeIfAbsent(label, k -> new ArrayList<>()).add(start);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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

    private static void delete(Path path) throws Exception {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static long median(List<Start> starts, ToLongFunction<Start> value) {
        List<Long> sorted = new ArrayList<>(starts.stream().map(value::applyAsLong).toList());
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
