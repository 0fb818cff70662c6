package org.gatehouse.firmware.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * The /5/0 state machine over a real folder and a loopback HTTP server; a "crash" is a new Firmware
 * over the same folder, as the next process start makes one; the launcher's steps are the boot
 * file's values it would write.
 */
class FirmwareTest {

    @TempDir
    Path dir;

    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private HttpServer http;
    private String base;

    @BeforeEach
    void serve() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", x -> {
            byte[] body = served.get(x.getRequestURI().getPath());
            x.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = x.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        http.start();
        base = "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private Firmware firmware(String running) {
        return new Firmware(dir, running, new Firmware.Limits(1 << 20, Duration.ofSeconds(10)), restarts::incrementAndGet);
    }

    @Test
    void a_verified_package_is_staged_updated_on_trial_and_confirmed_by_a_registration() throws Exception {
        byte[] zip = Distributions.zip("0.2.0");
        served.put("/gatehouse-0.2.0.zip", zip);
        Firmware old = firmware("0.1.0");
        old.download(URI.create(base + "/gatehouse-0.2.0.zip#sha256=" + sha256(zip)));
        assertEquals(new Progress(Codes.DOWNLOADED, Codes.INITIAL, "", "0.2.0"), old.progress());
        assertTrue(Files.exists(dir.resolve("versions/0.2.0/system/org/example/a/1.0/a-1.0.jar")));
        assertTrue(Files.exists(dir.resolve("versions/0.2.0/features/core.json")));
        assertFalse(Files.exists(dir.resolve("versions/0.2.0/lib")), "the launcher and etc/ stay the installation's");
        assertFalse(Files.exists(dir.resolve("download/package.zip")));

        assertTrue(old.update().isEmpty());
        assertEquals(Codes.UPDATING, old.progress().state());
        assertEquals(1, restarts.get());
        assertEquals("requested", boot().getProperty("state"));
        assertEquals("0.2.0", boot().getProperty("target"));

        launcher("trying", null);
        Firmware next = firmware("0.2.0");
        next.recover();
        assertEquals(Codes.UPDATING, next.progress().state(), "on trial until a server registration");
        next.registered();
        assertEquals(Codes.IDLE, next.progress().state());
        assertEquals(Codes.SUCCESS, next.progress().result());
        assertEquals("0.2.0", boot().getProperty("active"));
        assertEquals("idle", boot().getProperty("state"));
        assertEquals(Codes.SUCCESS, firmware("0.2.0").progress().result(), "kept across a restart");
    }

    @Test
    void a_trial_the_launcher_fell_back_from_is_reported_failed_and_its_files_go() throws Exception {
        served.put("/g.zip", Distributions.zip("0.2.0"));
        Firmware old = firmware("0.1.0");
        old.download(URI.create(base + "/g.zip"));
        old.update();
        launcher("idle", "did not register with a server within 300 s");

        Firmware back = firmware("0.1.0");
        back.recover();
        assertEquals(Codes.IDLE, back.progress().state());
        assertEquals(Codes.UPDATE_FAILED, back.progress().result());
        assertTrue(back.progress().reason().contains("did not register"), back.progress().reason());
        assertFalse(Files.exists(dir.resolve("versions/0.2.0")));
    }

    @Test
    void a_download_cut_by_a_crash_is_reported_as_connection_lost() throws Exception {
        new Progress(Codes.DOWNLOADING, Codes.INITIAL, "", "").save(dir.resolve("progress.properties"));
        Files.createDirectories(dir.resolve("download"));
        Files.writeString(dir.resolve("download/package.zip"), "half");
        Files.createDirectories(dir.resolve("versions/.staging-1/system"));
        Firmware f = firmware("0.1.0");
        f.recover();
        assertEquals(new Progress(Codes.IDLE, Codes.CONNECTION_LOST, "download interrupted by a restart", ""), f.progress());
        assertFalse(Files.exists(dir.resolve("download")));
        assertFalse(Files.exists(dir.resolve("versions/.staging-1")));
    }

    @Test
    void refused_packages_leave_nothing_staged() throws Exception {
        byte[] zip = Distributions.zip("0.2.0");
        served.put("/g.zip", zip);
        served.put("/not-a-zip", "hello".getBytes(StandardCharsets.UTF_8));
        Firmware f = firmware("0.1.0");

        f.download(URI.create(base + "/g.zip#sha256=" + "0".repeat(64)));
        assertEquals(Codes.INTEGRITY_FAILURE, f.progress().result());
        assertEquals(Codes.IDLE, f.progress().state());
        f.download(URI.create(base + "/not-a-zip"));
        assertEquals(Codes.UNSUPPORTED_PACKAGE, f.progress().result());
        f.download(URI.create(base + "/missing.zip"));
        assertEquals(Codes.INVALID_URI, f.progress().result());
        f.download(URI.create("ftp://example.org/g.zip"));
        assertEquals(Codes.UNSUPPORTED_PROTOCOL, f.progress().result());
        served.put("/same.zip", Distributions.zip("0.1.0"));
        f.download(URI.create(base + "/same.zip"));
        assertEquals(Codes.UNSUPPORTED_PACKAGE, f.progress().result(), "the running version");
        assertTrue(f.update().isPresent(), "nothing to update");
        assertEquals(0, restarts.get());
        try (var files = Files.list(dir.resolve("versions"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void an_empty_package_uri_drops_the_staged_package() throws Exception {
        served.put("/g.zip", Distributions.zip("0.2.0"));
        Firmware f = firmware("0.1.0");
        f.download(URI.create(base + "/g.zip?sha256=" + sha256(served.get("/g.zip"))));
        assertEquals(Codes.DOWNLOADED, f.progress().state());
        f.cancel();
        assertEquals(Progress.INITIAL, f.progress());
        assertFalse(Files.exists(dir.resolve("versions/0.2.0")));
    }

    private Properties boot() throws IOException {
        return new BootFile(dir.resolve("boot.properties")).load();
    }

    /** What the launcher writes: trying when it starts the target, idle with failed and reason when it falls back. */
    private void launcher(String state, String reason) throws IOException {
        Properties p = boot();
        p.setProperty("state", state);
        if (reason != null) {
            p.setProperty("failed", p.getProperty("target"));
            p.setProperty("reason", reason);
        }
        Atomic.write(dir.resolve("boot.properties"), p, "test");
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
