package org.gatehouse.software.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * What servers changed about the bundles, kept under {@code data/software/kept/} because the
 * gateway may start from a clean bundle cache: {@code <bsn>.jar} for each package installed through
 * object 9 (the last one that installed well), {@code <bsn>.stopped} for a bundle deactivated (or
 * installed and not yet activated), {@code <bsn>.removed} for a bundle of a feature that was
 * uninstalled. A jar is replaced by an atomic move, so a crash leaves the old or the new one.
 */
final class KeptPackages {

    private final Path dir;

    KeptPackages(Path dir) {
        this.dir = dir;
    }

    Path jar(String bsn) {
        return dir.resolve(bsn + ".jar");
    }

    void keep(String bsn, Path pkg) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(bsn + ".jar.tmp");
        Files.copy(pkg, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, jar(bsn), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(dir.resolve(bsn + ".removed"));
    }

    void forget(String bsn, boolean fromFeature) {
        try {
            Files.deleteIfExists(jar(bsn));
            Files.deleteIfExists(dir.resolve(bsn + ".stopped"));
            if (fromFeature) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(bsn + ".removed"), "uninstalled through /9\n");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot update " + dir + ": " + e.getMessage(), e);
        }
    }

    void stopped(String bsn, boolean stopped) {
        try {
            Path marker = dir.resolve(bsn + ".stopped");
            if (stopped) {
                Files.createDirectories(dir);
                Files.writeString(marker, "deactivated through /9\n");
            } else {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot update " + dir + ": " + e.getMessage(), e);
        }
    }

    boolean isStopped(String bsn) {
        return Files.exists(dir.resolve(bsn + ".stopped"));
    }

    boolean isRemoved(String bsn) {
        return Files.exists(dir.resolve(bsn + ".removed"));
    }

    /** Symbolic name to the version of its kept jar. */
    TreeMap<String, String> jars() throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                out.put(name.substring(0, name.length() - 4), version(f).orElse("0.0.0"));
            }
        }
        return out;
    }

    /** Symbolic names with a marker of the given suffix ("removed", "stopped"). */
    java.util.List<String> marked(String suffix) throws IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*." + suffix)) {
                files.forEach(f -> out.add(f.getFileName().toString().replaceFirst("\\." + suffix + "$", "")));
            }
        }
        return out;
    }

    static Optional<String> version(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar); JarInputStream j = new JarInputStream(in)) {
            Manifest m = j.getManifest();
            return Optional.ofNullable(m == null ? null : m.getMainAttributes().getValue("Bundle-Version")).map(String::trim);
        }
    }
}
