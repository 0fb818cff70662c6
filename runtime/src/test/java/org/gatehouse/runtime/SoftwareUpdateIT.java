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
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.awaitility.Awaitility;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
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
 * Remote bundle updates on the distribution as shipped: Leshan's server sees bin/gatehouse register,
 * creates a Software Management instance with the Package URI of a small bundle served over HTTP on
 * loopback, installs and activates it, updates it to a second version, and sees a package with a
 * wrong SHA-256 refused and an update that does not resolve rolled back while the installed version
 * keeps running. The kept version survives a
 * restart of the gateway from a clean bundle cache; then it is deactivated, activated
 * and uninstalled.
 */
class SoftwareUpdateIT {

    private static final Duration T = Duration.ofSeconds(60);
    private static final String EP = "urn:imei:490154203237519";
    private static final String BSN = "org.example.greeting";

    @TempDir
    Path dir;

    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    /** The /9 instance that read, write and execute below act on. */
    private static volatile int instance = 50;

    @Test
    void leshan_installs_updates_and_activates_a_bundle_and_a_corrupt_package_is_refused() throws Exception {
        instance = 50;
        served.put("/greeting-1.0.0.jar", bundle("1.0.0"));
        served.put("/greeting-1.1.0.jar", bundle("1.1.0"));
        HttpServer http = UpdatePeers.serve(served);
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        LeshanServer leshan = UpdatePeers.leshan(9);
        try {
            Path home = UpdatePeers.installWithServer(dir, EP, leshan);
            try (Gateway gw = Gateway.start(home)) {
                gw.await("Registered with server 101", 0, T);
                Registration reg = leshan.getRegistrationService().getByEndpoint(EP);

                // new install: a Create with the Package URI, then Install and Activate
                CreateRequest create = new CreateRequest(ContentFormat.SENML_CBOR, 9,
                    new LwM2mObjectInstance(50, LwM2mSingleResource.newStringResource(3, base + "/greeting-1.0.0.jar")));
                assertEquals(ResponseCode.CREATED, leshan.send(reg, create, 5000).getCode());
                awaitValue(leshan, reg, 7, 3L, gw); // DELIVERED
                assertEquals(3L, read(leshan, reg, 9), "Update Result 3: downloaded and verified");
                assertEquals(BSN, read(leshan, reg, 0));
                execute(leshan, reg, 4);
                awaitValue(leshan, reg, 7, 4L, gw); // INSTALLED
                assertEquals(2L, read(leshan, reg, 9));
                assertEquals(false, read(leshan, reg, 12));
                execute(leshan, reg, 10);
                awaitValue(leshan, reg, 12, true, gw);
                assertEquals("1.0.0", read(leshan, reg, 1));

                // update: a new Package URI with its SHA-256, Install; the new version comes back active
                String sha = UpdatePeers.sha256(served.get("/greeting-1.1.0.jar"));
                write(leshan, reg, base + "/greeting-1.1.0.jar#sha256=" + sha);
                awaitValue(leshan, reg, 7, 3L, gw);
                int before = gw.output().length();
                long start = System.nanoTime();
                execute(leshan, reg, 4);
                awaitValue(leshan, reg, 1, "1.1.0", gw);
                awaitValue(leshan, reg, 12, true, gw);
                long millis = (System.nanoTime() - start) / 1_000_000;
                gw.await("installed " + BSN + " 1.1.0 in", before, T);
                assertEquals(2L, read(leshan, reg, 9));
                System.out.println("Install executed to " + BSN + " 1.1.0 active, as Leshan sees it: " + millis + " ms; gateway: "
                    + line(gw.output().substring(before), "installed " + BSN));

                // a package whose SHA-256 does not match is refused; 1.1.0 keeps running
                write(leshan, reg, base + "/greeting-1.0.0.jar#sha256=" + sha);
                awaitValue(leshan, reg, 9, 53L, gw);
                assertEquals(4L, read(leshan, reg, 7), "still INSTALLED");
                assertEquals("1.1.0", read(leshan, reg, 1));
                assertEquals(true, read(leshan, reg, 12));
                assertTrue(String.valueOf(read(leshan, reg, 16)).contains("SHA-256 mismatch"));
                assertEquals(ResponseCode.BAD_REQUEST, execute(leshan, reg, 4), "nothing delivered to install");

                // a package that does not resolve is rolled back: 58, and 1.1.0 runs again
                served.put("/greeting-1.2.0.jar", bundle("1.2.0", "org.example.missing"));
                write(leshan, reg, base + "/greeting-1.2.0.jar");
                awaitValue(leshan, reg, 7, 3L, gw);
                execute(leshan, reg, 4);
                awaitValue(leshan, reg, 9, 58L, gw);
                assertEquals(3L, read(leshan, reg, 7), "still DELIVERED, as 9.xml says of a failed Install");
                assertEquals("1.1.0", read(leshan, reg, 1));
                assertEquals(true, read(leshan, reg, 12));
                assertTrue(String.valueOf(read(leshan, reg, 16)).contains("org.example.missing"), String.valueOf(read(leshan, reg, 16)));

                // the Package itself is refused: it would land in the object store
                assertEquals(ResponseCode.BAD_REQUEST, leshan.send(reg, new WriteRequest(9, 50, 2, new byte[] {1, 2}), 5000).getCode());

                gw.output().lines().filter(l -> l.contains("Software")).forEach(l -> System.out.println("gateway: " + l));
                gw.type("");
                assertEquals(0, gw.stop());
            }
            // the installed version is kept across a restart from a clean bundle cache, as after any change
            // to the installation (the next test restarts with the cache kept)
            Path config = home.resolve("etc/config.properties");
            String text = Files.readString(config);
            assertTrue(text.contains("gatehouse.cache.reuse=true"), "the distribution keeps its bundle cache");
            Files.writeString(config, text.replace("gatehouse.cache.reuse=true", "gatehouse.cache.reuse=false"));
            try (Gateway gw = Gateway.start(home)) {
                gw.await("(new bundle cache)", 0, T);
                gw.await("Registered with server 101", 0, T);
                Registration reg = leshan.getRegistrationService().getByEndpoint(EP);
                awaitValue(leshan, reg, 1, "1.1.0", gw);
                awaitValue(leshan, reg, 12, true, gw);

                // Deactivate, Activate, Uninstall: the instance stays, INITIAL, for a new Package URI
                execute(leshan, reg, 11);
                awaitValue(leshan, reg, 12, false, gw);
                execute(leshan, reg, 10);
                awaitValue(leshan, reg, 12, true, gw);
                execute(leshan, reg, 6);
                awaitValue(leshan, reg, 7, 0L, gw);
                assertEquals("", read(leshan, reg, 1));
                assertEquals(false, read(leshan, reg, 12));
                assertEquals(BSN, read(leshan, reg, 0));
                assertEquals(ResponseCode.BAD_REQUEST, execute(leshan, reg, 10), "nothing installed to activate");
                gw.type("");
                assertEquals(0, gw.stop());
                assertTrue(!gw.output().contains("Exception"), gw.output());
            }
        } finally {
            leshan.destroy();
            http.stop(0);
        }
    }

    @Test
    void the_software_bundle_updates_itself_and_the_new_version_reports_the_result() throws Exception {
        HttpServer http = UpdatePeers.serve(served);
        LeshanServer leshan = UpdatePeers.leshan(9);
        try {
            Path home = UpdatePeers.installWithServer(dir, EP, leshan);
            Path jar;
            try (java.util.stream.Stream<Path> files = Files.walk(home.resolve("system"))) {
                jar = files.filter(f -> f.getFileName().toString().startsWith("org.gatehouse.software-")).findFirst().orElseThrow();
            }
            byte[] next = withVersion(Files.readAllBytes(jar), "0.2.0");
            served.put("/software-0.2.0.jar", next);
            try (Gateway gw = Gateway.start(home)) {
                gw.await("Registered with server 101", 0, T);
                Registration reg = leshan.getRegistrationService().getByEndpoint(EP);
                org.eclipse.leshan.core.node.LwM2mObject nine =
                    (org.eclipse.leshan.core.node.LwM2mObject) leshan.send(reg, new ReadRequest(9), 5000).getContent();
                instance = nine.getInstances().values().stream()
                    .filter(i -> "org.gatehouse.software".equals(i.getResource(0).getValue())).findFirst().orElseThrow().getId();
                write(leshan, reg, "http://127.0.0.1:" + http.getAddress().getPort() + "/software-0.2.0.jar#sha256=" + UpdatePeers.sha256(next));
                awaitValue(leshan, reg, 7, 3L, gw);
                long start = System.nanoTime();
                execute(leshan, reg, 4);
                awaitValue(leshan, reg, 1, "0.2.0", gw);
                awaitValue(leshan, reg, 9, 2L, gw); // reported by the new version, from the journal
                System.out.println("Install executed to org.gatehouse.software 0.2.0 reporting success: " + (System.nanoTime() - start) / 1_000_000 + " ms");
                gw.await("this bundle updated itself to 0.2.0", 0, T);
                gw.type("");
                assertEquals(0, gw.stop());
            }
            // a restart with the bundle cache kept (nothing in the installation changed) runs the updated 0.2.0
            // again; from a clean cache the feature's 0.1.0 would first update itself to the kept 0.2.0
            try (Gateway gw = Gateway.start(home)) {
                gw.await("(kept bundle cache)", 0, T);
                gw.await("Registered with server 101", 0, T);
                Registration reg = leshan.getRegistrationService().getByEndpoint(EP);
                awaitValue(leshan, reg, 1, "0.2.0", gw);
                awaitValue(leshan, reg, 7, 4L, gw);
                gw.type("");
                assertEquals(0, gw.stop());
                assertTrue(!gw.output().contains("Exception"), gw.output());
            }
        } finally {
            leshan.destroy();
            http.stop(0);
        }
    }
    /** The same bundle under another Bundle-Version. */
    private static byte[] withVersion(byte[] jar, String version) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest m = in.getManifest();
            m.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(bytes, m)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null;) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                }
            }
        }
        return bytes.toByteArray();
    }

    private static Object read(LeshanServer leshan, Registration reg, int resource) throws InterruptedException {
        ReadResponse r = leshan.send(reg, new ReadRequest(9, instance, resource), 5000);
        assertTrue(r != null && r.isSuccess(), "read /9/" + instance + "/" + resource + ": " + r);
        return ((LwM2mSingleResource) r.getContent()).getValue();
    }

    private static void awaitValue(LeshanServer leshan, Registration reg, int resource, Object expected, Gateway gw) {
        try {
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(50)).until(() -> expected.equals(read(leshan, reg, resource)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("/9/" + instance + "/" + resource + " never became " + expected + "; gateway output:\n" + gw.output(), e);
        }
    }

    private static ResponseCode execute(LeshanServer leshan, Registration reg, int resource) throws InterruptedException {
        ResponseCode code = leshan.send(reg, new ExecuteRequest(9, instance, resource), 5000).getCode();
        if (code == ResponseCode.CHANGED || (resource != 4 && resource != 10)) {
            assertEquals(ResponseCode.CHANGED, code, "execute /9/" + instance + "/" + resource);
        }
        return code;
    }

    private static void write(LeshanServer leshan, Registration reg, String uri) throws InterruptedException {
        assertEquals(ResponseCode.CHANGED, leshan.send(reg, new WriteRequest(9, instance, 3, uri), 5000).getCode());
    }

    private static String line(String output, String marker) {
        int at = output.indexOf(marker);
        return at < 0 ? "" : output.substring(at, Math.max(at, output.indexOf('\n', at)));
    }

    /** A bundle with nothing but its manifest: enough to be installed, resolved, started and versioned. */
    private static byte[] bundle(String version) throws IOException {
        return bundle(version, null);
    }

    /** @param missingImport a package the bundle imports and nobody exports, or null */
    private static byte[] bundle(String version, String missingImport) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", BSN);
        a.putValue("Bundle-Version", version);
        if (missingImport != null) {
            a.putValue("Import-Package", missingImport);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.putNextEntry(new JarEntry("greeting.txt"));
            jar.write(("Hello from " + version).getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

}
