package org.gatehouse.software.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** Downloads over HTTP from a real server on loopback. */
class DownloadsTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final byte[] body = new byte[200_000];
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void serve() throws Exception {
        new java.util.Random(1).nextBytes(body);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/pkg.jar", x -> {
            authorization.set(x.getRequestHeaders().getFirst("Authorization"));
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void http_download_lands_in_the_file_with_basic_auth_when_a_user_is_given() throws Exception {
        Path to = dir.resolve("downloads/0.jar");
        new Downloads(Duration.ofSeconds(5)).fetch(uri("/pkg.jar#sha256=00"), to, 1_000_000, Duration.ofSeconds(10), "alice", "secret", null);
        assertArrayEquals(body, Files.readAllBytes(to));
        assertEquals("Basic YWxpY2U6c2VjcmV0", authorization.get());
    }

    @Test
    void a_package_above_the_limit_is_cut_off_and_refused() {
        PackageCheck.Refused e = assertThrows(PackageCheck.Refused.class,
            () -> new Downloads(Duration.ofSeconds(5)).fetch(uri("/pkg.jar"), dir.resolve("1.jar"), 1000, Duration.ofSeconds(10), "", "", null));
        assertEquals(Codes.NOT_ENOUGH_STORAGE, e.code);
    }

    @Test
    void not_found_is_an_invalid_uri_and_an_unknown_scheme_too() {
        Downloads d = new Downloads(Duration.ofSeconds(5));
        assertEquals(Codes.INVALID_URI, assertThrows(PackageCheck.Refused.class,
            () -> d.fetch(uri("/missing.jar"), dir.resolve("2.jar"), 1000, Duration.ofSeconds(10), "", "", null)).code);
        PackageCheck.Refused ftp = assertThrows(PackageCheck.Refused.class,
            () -> d.fetch(URI.create("ftp://h/a.jar"), dir.resolve("3.jar"), 1000, Duration.ofSeconds(10), "", "", null));
        assertEquals(Codes.INVALID_URI, ftp.code);
        assertTrue(ftp.getMessage().contains("ftp"), ftp.getMessage());
    }

    @Test
    void coap_without_a_transport_is_a_device_error() {
        assertEquals(Codes.DEVICE_ERROR, assertThrows(PackageCheck.Refused.class, () -> new Downloads(Duration.ofSeconds(5))
            .fetch(URI.create("coap://127.0.0.1:5683/pkg"), dir.resolve("4.jar"), 1000, Duration.ofSeconds(1), "", "", null)).code);
    }
}
