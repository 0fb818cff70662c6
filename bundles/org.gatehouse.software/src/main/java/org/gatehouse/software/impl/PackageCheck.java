package org.gatehouse.software.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * Verifies a downloaded package before it may be installed: its size, its SHA-256 when the Package
 * URI carries one ({@code #sha256=<hex>} or a {@code sha256=<hex>} query parameter), and that it is
 * an OSGi bundle (a manifest with Bundle-SymbolicName), of the instance's bundle when it updates one.
 */
final class PackageCheck {

    /** What the package is. */
    record Verified(String symbolicName, String version) {
    }

    /** Why the package is refused, with the Update Result (9) code to report. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Refused(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private PackageCheck() {
    }

    /** The expected digest, lower-case hex, from the URI's fragment or query; empty when the URI names none. */
    static Optional<String> expectedSha256(URI uri) throws Refused {
        for (String part : new String[] {uri.getRawFragment(), uri.getRawQuery()}) {
            if (part == null) {
                continue;
            }
            for (String pair : part.split("&")) {
                if (pair.startsWith("sha256=")) {
                    String hex = pair.substring("sha256=".length()).toLowerCase(Locale.ROOT);
                    if (!hex.matches("[0-9a-f]{64}")) {
                        throw new Refused(Codes.INVALID_URI, "sha256 in the Package URI is not 64 hex digits: " + hex);
                    }
                    return Optional.of(hex);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param expectedName the symbolic name the package must have (the instance's bundle), or empty for a new install
     */
    static Verified verify(Path file, URI uri, long maxSize, String expectedName) throws Refused, IOException {
        long size = Files.size(file);
        if (size > maxSize) {
            throw new Refused(Codes.NOT_ENOUGH_STORAGE, "package of " + size + " bytes exceeds max.package.size " + maxSize);
        }
        Optional<String> expected = expectedSha256(uri);
        if (expected.isPresent()) {
            String actual = sha256(file);
            if (!actual.equals(expected.get())) {
                throw new Refused(Codes.INTEGRITY_FAILURE, "SHA-256 mismatch: package has " + actual + ", the Package URI says " + expected.get());
            }
        }
        Manifest manifest;
        try (InputStream in = Files.newInputStream(file); JarInputStream jar = new JarInputStream(in)) {
            manifest = jar.getManifest();
        } catch (IOException | SecurityException e) {
            throw new Refused(Codes.UNSUPPORTED_PACKAGE, "package is not a jar: " + e.getMessage());
        }
        String bsn = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) {
            throw new Refused(Codes.UNSUPPORTED_PACKAGE, "package is not an OSGi bundle (no Bundle-SymbolicName in its manifest)");
        }
        bsn = bsn.split(";")[0].trim();
        String version = Optional.ofNullable(manifest.getMainAttributes().getValue("Bundle-Version")).orElse("0.0.0").trim();
        if (!expectedName.isEmpty() && !expectedName.equals(bsn)) {
            throw new Refused(Codes.UNSUPPORTED_PACKAGE, "package is " + bsn + ", but this instance is " + expectedName);
        }
        return new Verified(bsn, version);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
