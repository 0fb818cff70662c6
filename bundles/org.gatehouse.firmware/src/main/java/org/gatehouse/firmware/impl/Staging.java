package org.gatehouse.firmware.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks a downloaded package and unpacks it as a version folder. A package is a zip of a
 * distribution: {@code VERSION}, {@code features/} and {@code system/} (at the top or under one
 * folder, as {@code gatehouse/VERSION}); anything else ({@code bin/}, {@code lib/}, {@code etc/},
 * {@code data/}) is ignored, since the launcher, the configuration and the data stay those of the
 * installation. Unpacked aside first, then moved into {@code versions/<VERSION>} in one step.
 */
final class Staging {

    private static final Pattern SHA = Pattern.compile("(?:^|[&#])sha256=([0-9a-fA-F]{64})(?:$|&)");

    private final Path versions;

    Staging(Path versions) {
        this.versions = versions;
    }

    /** The SHA-256 a Package URI names, as fragment {@code #sha256=} or query parameter, lowercase. */
    static Optional<String> expectedSha256(URI uri) {
        for (String part : new String[] {uri.getRawFragment(), uri.getRawQuery()}) {
            if (part != null) {
                Matcher m = SHA.matcher(part.startsWith("sha256=") ? part : "&" + part);
                if (m.find()) {
                    return Optional.of(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.empty();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * @param running the version the gateway runs now: a package of that version is refused
     * @return the staged version
     * @throws Refused 5 SHA-256 mismatch, 6 not a distribution zip
     */
    String stage(Path pkg, Optional<String> sha256, String running) throws Refused, IOException {
        if (sha256.isPresent()) {
            String actual = sha256(pkg);
            if (!actual.equals(sha256.get())) {
                throw new Refused(Codes.INTEGRITY_FAILURE, "SHA-256 mismatch: the package has " + actual + ", the URI names " + sha256.get());
            }
        }
        Files.createDirectories(versions);
        Path tmp = Files.createTempDirectory(versions, ".staging-");
        try {
            unzip(pkg, tmp);
            Path version = tmp.resolve("VERSION");
            if (!Files.exists(version) || !Files.isDirectory(tmp.resolve("system")) || !Files.exists(tmp.resolve("features/core.json"))) {
                throw new Refused(Codes.UNSUPPORTED_PACKAGE, "not a Gatehouse distribution: a zip with VERSION, system/ and features/core.json is expected");
            }
            String name = Files.readString(version).trim();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")) {
                throw new Refused(Codes.UNSUPPORTED_PACKAGE, "VERSION '" + name + "' is not a version name");
            }
            if (name.equals(running)) {
                throw new Refused(Codes.UNSUPPORTED_PACKAGE, "version " + name + " is the one running");
            }
            Path target = versions.resolve(name);
            delete(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return name;
        } finally {
            delete(tmp);
        }
    }

    private static void unzip(Path pkg, Path to) throws IOException, Refused {
        String prefix = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(pkg))) {
            boolean any = false;
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                any = true;
                String name = e.getName();
                if (prefix == null) {
                    int slash = name.indexOf('/');
                    String first = slash < 0 ? "" : name.substring(0, slash + 1);
                    prefix = first.equals("system/") || first.equals("features/") || first.equals("bin/") || first.equals("lib/")
                        || first.equals("etc/") || first.equals("data/") ? "" : first;
                }
                if (!name.startsWith(prefix)) {
                    continue;
                }
                String rel = name.substring(prefix.length());
                if (!(rel.equals("VERSION") || rel.startsWith("system/") || rel.startsWith("features/"))) {
                    continue;
                }
                Path out = to.resolve(rel).normalize();
                if (!out.startsWith(to)) {
                    throw new Refused(Codes.UNSUPPORTED_PACKAGE, "zip entry '" + name + "' points outside the package");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out);
                }
            }
            if (!any) {
                throw new Refused(Codes.UNSUPPORTED_PACKAGE, "the package is not a zip archive");
            }
        } catch (java.util.zip.ZipException e) {
            throw new Refused(Codes.UNSUPPORTED_PACKAGE, "the package is not a zip archive: " + e.getMessage());
        }
    }

    Path folder(String version) {
        return versions.resolve(version);
    }

    /** Deletes a folder and everything in it; nothing when absent. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Removes what a crash left half done: staging folders, and versions that are neither {@code keep}. */
    void clean(String... keep) throws IOException {
        if (!Files.isDirectory(versions)) {
            return;
        }
        java.util.List<String> kept = java.util.List.of(keep);
        try (Stream<Path> all = Files.list(versions)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!kept.contains(p.getFileName().toString())) {
                    delete(p);
                }
            }
        }
    }
}
