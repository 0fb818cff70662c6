package org.gatehouse.firmware.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches a Package URI into a file with the JDK's HttpClient, streamed and cut off at the size limit.
 * Only http and https: a distribution is tens of megabytes, beyond what the CoAP transport's body
 * limit is meant for.
 */
final class Fetch {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** @throws Refused 9 unsupported scheme, 7 4xx, 4 I/O error or 5xx or timeout, 2 too large */
    void fetch(URI uri, Path to, long maxSize, Duration timeout) throws Refused, InterruptedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused(Codes.UNSUPPORTED_PROTOCOL, "unsupported Package URI scheme '" + scheme + "': use http or https");
        }
        try {
            Files.createDirectories(to.getParent());
            HttpRequest request = HttpRequest.newBuilder(withoutFragment(uri)).timeout(timeout).GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new Refused(response.statusCode() >= 500 ? Codes.CONNECTION_LOST : Codes.INVALID_URI,
                        "download from " + uri + " answered HTTP " + response.statusCode());
                }
                copy(in, to, maxSize);
            }
        } catch (IOException e) {
            throw new Refused(Codes.CONNECTION_LOST, "download from " + uri + " failed: " + e);
        }
    }

    private static void copy(InputStream in, Path to, long maxSize) throws IOException, Refused {
        long total = 0;
        try (OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                total += n;
                if (total > maxSize) {
                    throw new Refused(Codes.NOT_ENOUGH_FLASH, "package exceeds max.package.size " + maxSize + " bytes");
                }
                out.write(buf, 0, n);
            }
        }
    }

    static URI withoutFragment(URI uri) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        return hash < 0 ? uri : URI.create(s.substring(0, hash));
    }
}
