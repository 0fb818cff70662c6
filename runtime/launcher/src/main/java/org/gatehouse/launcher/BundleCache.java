package org.gatehouse.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Whether a start may reuse the bundle cache (data/cache) of the last one. Installing the bundles
 * into a clean cache copies every jar and reads every manifest again; a kept cache skips that. It
 * is kept only while nothing it was built from changed: the jars the features name and the set they
 * come from (system/ of the installation or of a firmware version), the launcher's lib/, the
 * JVM, etc/config.properties and etc/*.cfg (ConfigAdmin keeps their configurations in the cache),
 * and deploy/. Any change, or a start that never completed, cleans the cache once. The fingerprint
 * is a file inside the cache folder, so that a cleaned cache never carries an old one.
 */
final class BundleCache {

    static final String REUSE = "gatehouse.cache.reuse";
    private static final String FILE = "gatehouse-fingerprint.txt";

    private BundleCache() {
    }

    /** What this start's cache would be built from, one line each. */
    static String fingerprint(Path home, Path root, List<Path> jars) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("java " + System.getProperty("java.home") + " " + System.getProperty("java.vm.version"));
        lines.add("root " + root);
        for (Path jar : jars) {
            lines.add(stamp(jar));
        }
        lines.addAll(folder(home.resolve("lib"), "*.jar", false));
        lines.add("config " + crc(home.resolve("etc/config.properties")));
        lines.addAll(folder(home.resolve("etc"), "*.cfg", true));
        lines.addAll(folder(home.resolve("deploy"), "*", false));
        return String.join("\n", lines) + "\n";
    }

    /** True when the cache folder holds the same fingerprint: this start may keep it. */
    static boolean reusable(Path cache, String fingerprint) {
        try {
            return Files.readString(cache.resolve(FILE), StandardCharsets.UTF_8).equals(fingerprint);
        } catch (IOException e) {
            return false;
        }
    }

    /** Called once the start completed, so an interrupted one is never reused. */
    static void save(Path cache, String fingerprint) throws IOException {
        Path temp = cache.resolve(FILE + ".tmp");
        Files.writeString(temp, fingerprint, StandardCharsets.UTF_8);
        Files.move(temp, cache.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> folder(Path dir, String glob, boolean content) throws IOException {
        List<String> lines = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
                for (Path p : s) {
                    lines.add(content ? p.getFileName() + " " + crc(p) : stamp(p));
                }
            }
        }
        Collections.sort(lines);
        return lines;
    }

    private static String stamp(Path file) throws IOException {
        return file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
    }

    private static long crc(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue();
    }
}
