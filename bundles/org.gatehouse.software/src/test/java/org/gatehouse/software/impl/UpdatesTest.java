package org.gatehouse.software.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

import com.sun.net.httpserver.HttpServer;

/**
 * The download-to-DELIVERED path of a new install with the real store and an HTTP server on
 * loopback, and what a restart makes of the journal. The framework is a stand-in with no bundle but
 * this one: no install happens here (SoftwareUpdateIT installs on the real gateway).
 */
class UpdatesTest {

    @TempDir
    Path dir;

    private HttpServer http;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private ObjectStore store;

    @BeforeEach
    void start() throws Exception {
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
        store = new FileObjectStore(dir.resolve("store"));
        store.update("server:101", Duration.ofSeconds(1), tx -> {
            tx.write(LwM2mPath.of(9, 4), LwM2mObjectInstance.of(4, SingleResource.of(Codes.PACKAGE_URI, Value.string("x"))));
            return null;
        });
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private static Bundle self() {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class}, (p, m, a) -> switch (m.getName()) {
            case "getSymbolicName" -> "org.gatehouse.software";
            case "getVersion" -> new Version("0.1.0");
            case "getBundleId" -> 7L;
            default -> null;
        });
    }

    private Updates updates() {
        Bundle self = self();
        BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class},
            (p, m, a) -> m.getName().equals("getBundles") ? new Bundle[] {self} : null);
        KeptPackages kept = new KeptPackages(dir.resolve("software/kept"));
        return new Updates(dir.resolve("software"), new Installer(context, kept), kept, store, self,
            new Updates.Limits(1_000_000, Duration.ofSeconds(10), dir.resolve("keys")), () -> null);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
    }

    @Test
    void a_signed_package_is_delivered_and_names_its_instance() throws Exception {
        KeyPair k = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/vendor.pem"), SignaturesTest.pem(k));
        Path jar = Jars.bundle(dir.resolve("served/hello.jar"), "org.example.hello", "1.0.0");
        served.put("/hello.jar", Files.readAllBytes(jar));
        served.put("/hello.jar.sig", SignaturesTest.sign(k, "Ed25519", jar));

        Updates u = updates();
        u.download(4, uri("/hello.jar#sha256=" + PackageCheck.sha256(jar)), "", "", "");
        Progress p = u.of(4, false);
        assertEquals(Codes.DELIVERED, p.state(), p.reason());
        assertEquals(Codes.DOWNLOAD_VERIFIED, p.result());
        LwM2mObjectInstance i = Instances.instance(store.snapshot(), 4);
        assertEquals("org.example.hello", Instances.text(i, Codes.PKG_NAME));
        assertEquals("", Instances.text(i, Codes.PACKAGE_URI), "the URI is taken out of the store");
        assertTrue(Files.exists(u.file(4)), "the package waits in data/software/downloads");
    }

    @Test
    void without_a_good_signature_the_package_is_an_integrity_failure() throws Exception {
        KeyPair k = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/vendor.pem"), SignaturesTest.pem(k));
        Path jar = Jars.bundle(dir.resolve("served/hello.jar"), "org.example.hello", "1.0.0");
        served.put("/hello.jar", Files.readAllBytes(jar));
        served.put("/signed-by-stranger.jar", Files.readAllBytes(jar));
        served.put("/signed-by-stranger.jar.sig", SignaturesTest.sign(stranger, "Ed25519", jar));

        Updates u = updates();
        u.download(4, uri("/hello.jar"), "", "", "");
        assertEquals(Codes.INTEGRITY_FAILURE, u.of(4, false).result(), u.of(4, false).reason());
        assertTrue(u.of(4, false).reason().contains("no signature came from"), u.of(4, false).reason());
        u.download(4, uri("/signed-by-stranger.jar"), "", "", "");
        assertEquals(Codes.INTEGRITY_FAILURE, u.of(4, false).result());
        assertEquals(Codes.INITIAL, u.of(4, false).state());
        assertTrue(Files.notExists(u.file(4)), "a refused package is deleted");
    }

    @Test
    void an_install_cut_by_a_crash_is_reported_failed_after_the_restart() throws Exception {
        Path jar = Jars.bundle(dir.resolve("served/hello.jar"), "org.example.hello", "1.0.0");
        served.put("/hello.jar", Files.readAllBytes(jar));
        Updates before = updates();
        before.download(4, uri("/hello.jar"), "", "", "");
        before.installStarted(4, false);
        // the process dies during the install; the next start reads the journal
        Updates after = updates();
        Progress p = after.of(4, false);
        assertEquals(Codes.INSTALL_FAILURE, p.result());
        assertEquals(Codes.DELIVERED, p.state(), "the package is still there and may be installed again");
        assertTrue(p.reason().contains("interrupted by a restart"), p.reason());
    }

    @Test
    void this_bundle_at_the_target_version_after_a_restart_reports_its_update_done() throws Exception {
        Path jar = Jars.bundle(dir.resolve("served/sw.jar"), "org.gatehouse.software", "0.1.0");
        served.put("/sw.jar", Files.readAllBytes(jar));
        store.update("server:101", Duration.ofSeconds(1), tx -> {
            tx.write(LwM2mPath.of(9, 2), Instances.named(2, "org.gatehouse.software", "0.0.9"));
            return null;
        });
        Updates old = updates();
        old.download(2, uri("/sw.jar"), "org.gatehouse.software", "", "");
        old.installStarted(2, true);
        Updates updated = updates(); // the stand-in framework runs 0.1.0, the target
        assertEquals(Codes.INSTALLED, updated.of(2, true).state());
        assertEquals(Codes.INSTALL_SUCCESS, updated.of(2, true).result());
        assertTrue(Files.exists(dir.resolve("software/kept/org.gatehouse.software.jar")), "kept for the next start");
    }
}
