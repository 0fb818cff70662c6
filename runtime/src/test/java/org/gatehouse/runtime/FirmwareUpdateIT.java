package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.awaitility.Awaitility;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * Whole-distribution updates on the distribution as shipped: Leshan's server sees bin/gatehouse
 * register; a package with a wrong SHA-256 is refused (5) and nothing is staged; a copy of the
 * distribution under another VERSION, served over HTTP on loopback, is downloaded, and on Update the
 * gateway restarts into it, registers again and reports 1 with the new PkgVersion; a distribution
 * with a core bundle missing cannot start, and the launcher falls back to the running one, which
 * reports 8. After a kill -9 the confirmed version is the one started; a kill -9 during a trial, before
 * the new version registered, brings the previous version back at the next start, reporting 8. The
 * gateway is stopped with kill -9 here: after an in-process switch, the stdin console of the first
 * framework still holds stdin (see the firmware README).
 */
class FirmwareUpdateIT {

    private static final Duration T = Duration.ofSeconds(90);
    private static final String EP = "urn:imei:490154203237520";

    @TempDir
    Path dir;

    private final Map<String, byte[]> served = new ConcurrentHashMap<>();

    @Test
    void leshan_updates_the_distribution_and_a_broken_one_falls_back() throws Exception {
        HttpServer http = UpdatePeers.serve(served);
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        LeshanServer leshan = UpdatePeers.leshan(5);
        try {
            Path home = installWithServer(leshan);
            byte[] next = distribution(home, "0.2.0-test", p -> true);
            byte[] broken = distribution(home, "0.3.0-broken", p -> !p.getFileName().toString().startsWith("org.gatehouse.lwm2m.store-"));
            served.put("/gatehouse-0.2.0.zip", next);
            served.put("/gatehouse-0.3.0.zip", broken);
            String running = Files.readString(home.resolve("VERSION")).trim();
            try (Gateway gw = Gateway.start(home)) {
                gw.await("Registered with server 101", 0, T);
                // the gateway registers while its last bundles still start: object 5 may come a moment later
                awaitValue(leshan, 7, running, gw);
                assertEquals(0L, read(leshan, 3));

                // a wrong SHA-256: refused with 5, nothing staged, the running version stays
                write(leshan, base + "/gatehouse-0.2.0.zip#sha256=" + UpdatePeers.sha256(broken));
                awaitValue(leshan, 5, 5L, gw);
                assertEquals(0L, read(leshan, 3));
                awaitGone(home.resolve("data/firmware/versions/0.2.0-test"));
                assertEquals(ResponseCode.BAD_REQUEST, execute(leshan), "nothing downloaded to update");

                // the new version: downloaded, Update, restart into it, registered again, 1
                long download = System.nanoTime();
                write(leshan, base + "/gatehouse-0.2.0.zip#sha256=" + UpdatePeers.sha256(next));
                awaitValue(leshan, 3, 2L, gw);
                long downloadMillis = (System.nanoTime() - download) / 1_000_000;
                assertEquals("0.2.0-test", read(leshan, 7));
                int before = gw.output().length();
                long start = System.nanoTime();
                assertEquals(ResponseCode.CHANGED, execute(leshan));
                gw.await("starting firmware 0.2.0-test on trial", before, T);
                gw.await("Registered with server 101", before, T);
                awaitValue(leshan, 5, 1L, gw);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals("0.2.0-test", read(leshan, 7));
                assertEquals(0L, read(leshan, 3));
                System.out.println("Firmware: " + next.length + " bytes downloaded and staged in " + downloadMillis
                    + " ms; Update executed to 0.2.0-test registered and confirmed (5 = 1), as Leshan sees it: " + millis + " ms");

                // a distribution that cannot start: the launcher falls back to 0.2.0-test, which reports 8
                write(leshan, base + "/gatehouse-0.3.0.zip#sha256=" + UpdatePeers.sha256(broken));
                awaitValue(leshan, 3, 2L, gw);
                before = gw.output().length();
                start = System.nanoTime();
                assertEquals(ResponseCode.CHANGED, execute(leshan));
                gw.await("firmware 0.3.0-broken could not start", before, T);
                gw.await("Registered with server 101", before, T);
                awaitValue(leshan, 5, 8L, gw);
                System.out.println("Firmware: Update executed to a broken 0.3.0 fallen back and reported (5 = 8): "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
                assertEquals("0.2.0-test", read(leshan, 7));
                assertEquals(0L, read(leshan, 3));
                awaitGone(home.resolve("data/firmware/versions/0.3.0-broken"));

                // a kill -9 once confirmed: the next start runs the confirmed version
                gw.close();
                assertTrue(gw.waitFor(Duration.ofSeconds(20)));
            }
            served.put("/gatehouse-0.4.0.zip", distribution(home, "0.4.0-test", p -> true));
            try (Gateway gw = Gateway.start(home)) {
                gw.await("version 0.2.0-test from", 0, T);
                gw.await("Registered with server 101", 0, T);
                awaitValue(leshan, 7, "0.2.0-test", gw);
                assertEquals(8L, read(leshan, 5), "the last outcome stays until the next package");

                // a kill -9 during the trial of a good version, before it registered
                write(leshan, base + "/gatehouse-0.4.0.zip");
                awaitValue(leshan, 3, 2L, gw);
                int before = gw.output().length();
                assertEquals(ResponseCode.CHANGED, execute(leshan));
                gw.await("starting firmware 0.4.0-test on trial", before, T);
                gw.close();
                assertTrue(gw.waitFor(Duration.ofSeconds(20)));
            }
            // the next start finds the trial unfinished: back to 0.2.0-test, which reports 8
            try (Gateway gw = Gateway.start(home)) {
                gw.await("firmware 0.4.0-test did not come up and register", 0, T);
                gw.await("version 0.2.0-test from", 0, T);
                gw.await("Registered with server 101", 0, T);
                awaitValue(leshan, 5, 8L, gw);
                assertEquals("0.2.0-test", read(leshan, 7));
                assertEquals(0L, read(leshan, 3));
                awaitGone(home.resolve("data/firmware/versions/0.4.0-test"));
                assertTrue(!gw.hasUnexpectedException(), gw.output());
            }
        } finally {
            leshan.destroy();
            http.stop(0);
        }
    }

    @Test
    void a_version_that_does_not_register_within_the_trial_is_abandoned() throws Exception {
        HttpServer http = UpdatePeers.serve(served);
        LeshanServer leshan = UpdatePeers.leshan(5);
        try {
            Path home = installWithServer(leshan, 30);
            // starts, but without the registration bundle it never registers
            served.put("/silent.zip", distribution(home, "0.5.0-silent", p -> true,
                text -> text.lines().filter(l -> !l.contains("org.gatehouse.registration:")).collect(java.util.stream.Collectors.joining("\n"))));
            try (Gateway gw = Gateway.start(home)) {
                gw.await("Registered with server 101", 0, T);
                write(leshan, "http://127.0.0.1:" + http.getAddress().getPort() + "/silent.zip");
                awaitValue(leshan, 3, 2L, gw);
                int before = gw.output().length();
                long start = System.nanoTime();
                assertEquals(ResponseCode.CHANGED, execute(leshan));
                gw.await("starting firmware 0.5.0-silent on trial", before, T);
                gw.await("firmware 0.5.0-silent did not register with a server within 30 s", before, T);
                gw.await("Registered with server 101", gw.output().indexOf("did not register with a server", before), T);
                awaitValue(leshan, 5, 8L, gw);
                System.out.println("Firmware: Update executed to a version that never registers abandoned and reported (5 = 8): "
                    + (System.nanoTime() - start) / 1_000_000 + " ms (trial 30 s)");
                assertEquals(Files.readString(home.resolve("VERSION")).trim(), read(leshan, 7));
                awaitGone(home.resolve("data/firmware/versions/0.5.0-silent"));
            }
        } finally {
            leshan.destroy();
            http.stop(0);
        }
    }

    /** A zip of the installed distribution's system/ and features/ (filtered by {@code keep}) under another VERSION. */
    private static byte[] distribution(Path home, String version, Predicate<Path> keep) throws IOException {
        return distribution(home, version, keep, text -> text);
    }

    /** @param features rewrites each feature file */
    private static byte[] distribution(Path home, String version, Predicate<Path> keep, java.util.function.UnaryOperator<String> features)
            throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(home)) {
            zip.setLevel(1);
            zip.putNextEntry(new ZipEntry("gatehouse/VERSION"));
            zip.write((version + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String rel = home.relativize(p).toString().replace('\\', '/');
                if ((rel.startsWith("system/") || rel.startsWith("features/") || rel.startsWith("lib/")) && keep.test(p)) {
                    zip.putNextEntry(new ZipEntry("gatehouse/" + rel));
                    if (rel.startsWith("features/")) {
                        zip.write(features.apply(Files.readString(p)).getBytes(StandardCharsets.UTF_8));
                    } else {
                        Files.copy(p, zip);
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    /** A copy of the distribution with firmware-update installed, whose factory file names Leshan's server. */
    private Path installWithServer(LeshanServer leshan) throws IOException {
        return installWithServer(leshan, 60);
    }

    private Path installWithServer(LeshanServer leshan, int trialSeconds) throws IOException {
        Path home = UpdatePeers.installWithServer(dir, EP, leshan);
        Path config = home.resolve("etc/config.properties");
        String props = Files.readString(config).replaceFirst("(?m)^gatehouse\\.features=(.*)$", "gatehouse.features=$1,firmware-update");
        Files.writeString(config, props + "\ngatehouse.firmware.trial=" + trialSeconds + "\n");
        return home;
    }

    /** The gateway's registration now: a restart registers anew. */
    private static Registration reg(LeshanServer leshan) {
        Registration r = leshan.getRegistrationService().getByEndpoint(EP);
        assertTrue(r != null, "not registered");
        return r;
    }

    private static Object read(LeshanServer leshan, int resource) throws InterruptedException {
        ReadResponse r = leshan.send(reg(leshan), new ReadRequest(5, 0, resource), 5000);
        assertTrue(r != null && r.isSuccess(), "read /5/0/" + resource + ": " + r);
        return ((LwM2mSingleResource) r.getContent()).getValue();
    }

    private static void awaitValue(LeshanServer leshan, int resource, Object expected, Gateway gw) {
        try {
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> expected.equals(read(leshan, resource)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("/5/0/" + resource + " never became " + expected + "; gateway output:\n" + gw.output(), e);
        }
    }

    /** A version the firmware bundle drops goes just after the Update Result it reports. */
    private static void awaitGone(Path folder) {
        Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(100)).until(() -> !Files.exists(folder));
    }

    private static ResponseCode execute(LeshanServer leshan) throws InterruptedException {
        return leshan.send(reg(leshan), new ExecuteRequest(5, 0, 2), 5000).getCode();
    }

    private static void write(LeshanServer leshan, String uri) throws InterruptedException {
        assertEquals(ResponseCode.CHANGED, leshan.send(reg(leshan), new WriteRequest(5, 0, 1, uri), 5000).getCode());
    }

}
