package org.gatehouse.software.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;

/**
 * Fetches a Package URI into a file: http and https through the JDK's HttpClient (streamed, cut off
 * at the size limit), coap through the gateway's CoAP transport in its client role, which follows
 * Block2 (block-wise transfer) up to the transport's max.body.size. coaps is refused: the gateway
 * has no credentials for a download server.
 */
final class Downloads {

    private final Duration connectTimeout;
    /** Built at the first http(s) download: an HttpClient costs a selector thread and its classes from the start on. */
    private HttpClient http;

    Downloads(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    /**
     * @param transport the CoAP transport, or null when none is running
     * @throws PackageCheck.Refused with the Update Result code: 56 bad URI, 52 connection lost, 50 too large
     */
    void fetch(URI uri, Path to, long maxSize, Duration timeout, String user, String password, CoapTransport transport)
            throws PackageCheck.Refused, InterruptedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        try {
            Files.createDirectories(to.getParent());
            switch (scheme) {
                case "http", "https" -> http(uri, to, maxSize, timeout, user, password);
                case "coap" -> coap(uri, to, maxSize, timeout, transport);
                default -> throw new PackageCheck.Refused(Codes.INVALID_URI,
                    "unsupported Package URI scheme '" + scheme + "': use http, https or coap");
            }
        } catch (IOException e) {
            throw new PackageCheck.Refused(Codes.CONNECTION_LOST, "download from " + safe(uri) + " failed: " + e);
        }
    }

    private void http(URI uri, Path to, long maxSize, Duration timeout, String user, String password)
            throws IOException, InterruptedException, PackageCheck.Refused {
        HttpRequest.Builder request = HttpRequest.newBuilder(withoutFragment(uri)).timeout(timeout).GET();
        if (!user.isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<InputStream> response = client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                int code = response.statusCode() >= 500 ? Codes.CONNECTION_LOST : Codes.INVALID_URI;
                throw new PackageCheck.Refused(code, "download from " + safe(uri) + " answered HTTP " + response.statusCode());
            }
            copy(in, to, maxSize);
        }
    }

    private static void coap(URI uri, Path to, long maxSize, Duration timeout, CoapTransport transport)
            throws IOException, PackageCheck.Refused {
        if (transport == null) {
            throw new PackageCheck.Refused(Codes.DEVICE_ERROR, "no CoAP transport is running to download " + uri);
        }
        PeerSpec peer = new PeerSpec("package download", URI.create("coap://" + uri.getRawAuthority()), new PeerSecurity.NoSec());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        List<String> query = uri.getRawQuery() == null ? List.of() : List.of(uri.getRawQuery().split("&"));
        try (Connection c = transport.open(peer, RequestHandler.withPeer((r, p) -> CoapResponse.error(ResponseCode.FORBIDDEN, "download only")))) {
            CoapResponse response = c.send(CoapRequest.of(Method.GET, path).withQuery(query), timeout);
            if (!response.code().isSuccess()) {
                throw new PackageCheck.Refused(Codes.INVALID_URI, "download from " + uri + " answered " + response.code());
            }
            byte[] body = response.payload();
            if (body.length > maxSize) {
                throw new PackageCheck.Refused(Codes.NOT_ENOUGH_STORAGE, "package exceeds max.package.size " + maxSize);
            }
            Files.write(to, body);
        } catch (TransportException e) {
            // Californium drops a block-wise transfer above its body limit without an answer: say so
            throw new PackageCheck.Refused(Codes.CONNECTION_LOST, "download from " + uri + " failed: " + e.getMessage()
                + " (a package larger than the CoAP transport's max.body.size, PID org.gatehouse.coap, does not arrive)");
        }
    }

    /** Copies at most {@code maxSize} bytes; more means the package is refused as too large (50). */
    static void copy(InputStream in, Path to, long maxSize) throws IOException, PackageCheck.Refused {
        long total = 0;
        try (OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                total += n;
                if (total > maxSize) {
                    throw new PackageCheck.Refused(Codes.NOT_ENOUGH_STORAGE, "package exceeds max.package.size " + maxSize + " bytes");
                }
                out.write(buf, 0, n);
            }
        }
    }

    private static URI withoutFragment(URI uri) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        return hash < 0 ? uri : URI.create(s.substring(0, hash));
    }

    /** The URI without user info, for logs. */
    static String safe(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }
}
