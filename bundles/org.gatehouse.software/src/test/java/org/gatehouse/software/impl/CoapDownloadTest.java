package org.gatehouse.software.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * coap:// Package URIs through the gateway's own transport, client role, against its server role on
 * loopback: a package larger than one datagram arrives block-wise (Block2), up to the transport's
 * max.body.size.
 */
class CoapDownloadTest {

    @TempDir
    Path dir;

    private static final byte[] PACKAGE = new byte[100_000];

    static {
        new java.util.Random(7).nextBytes(PACKAGE);
    }

    private static RequestHandler serving() {
        return RequestHandler.withPeer((request, peer) -> String.join("/", request.path()).equals("fw/pkg.jar")
            ? CoapResponse.content(42, PACKAGE) : CoapResponse.error(ResponseCode.NOT_FOUND, "no such package"));
    }

    @Test
    void a_package_of_many_blocks_arrives_whole() throws Exception {
        CaliforniumTransport transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class, Map.of("max_body_size", 1 << 20)));
        try (Listener server = transport.listen(ListenSpec.coap("package server", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), serving())) {
            URI uri = URI.create("coap://127.0.0.1:" + server.localAddress().getPort() + "/fw/pkg.jar");
            Path to = dir.resolve("0.jar");
            new Downloads(Duration.ofSeconds(5)).fetch(uri, to, 1 << 20, Duration.ofSeconds(30), "", "", transport);
            assertArrayEquals(PACKAGE, Files.readAllBytes(to));
            PackageCheck.Refused missing = assertThrows(PackageCheck.Refused.class, () -> new Downloads(Duration.ofSeconds(5))
                .fetch(URI.create("coap://127.0.0.1:" + server.localAddress().getPort() + "/fw/none"), dir.resolve("1.jar"), 1 << 20,
                    Duration.ofSeconds(30), "", "", transport));
            assertEquals(Codes.INVALID_URI, missing.code);
        } finally {
            transport.deactivate();
        }
    }

    @Test
    void a_package_above_the_transport_body_limit_fails_with_a_reason() throws Exception {
        CaliforniumTransport transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class, Map.of()));
        try (Listener server = transport.listen(ListenSpec.coap("package server", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), serving())) {
            URI uri = URI.create("coap://127.0.0.1:" + server.localAddress().getPort() + "/fw/pkg.jar");
            PackageCheck.Refused e = assertThrows(PackageCheck.Refused.class,
                () -> new Downloads(Duration.ofSeconds(5)).fetch(uri, dir.resolve("2.jar"), 1 << 20, Duration.ofSeconds(3), "", "", transport));
            assertEquals(Codes.CONNECTION_LOST, e.code);
            assertTrue(e.getMessage().contains("max.body.size"), e.getMessage());
        } finally {
            transport.deactivate();
        }
    }
}
