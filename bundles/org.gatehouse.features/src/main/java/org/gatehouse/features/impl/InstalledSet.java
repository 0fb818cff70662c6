package org.gatehouse.features.impl;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * data/features.properties: the installed features in install order ({@code installed}) and the
 * gatehouse.features list of etc/config.properties they were derived from ({@code defaults}). The
 * launcher reads both at start (and writes the set it starts with); this bundle rewrites
 * {@code installed} on each change, keeping {@code defaults}. Written to a temporary file, synced and
 * renamed, so a crash leaves the old set or the new one.
 */
record InstalledSet(List<String> installed, List<String> defaults) {

    static final String INSTALLED = "installed";
    static final String DEFAULTS = "defaults";

    InstalledSet {
        installed = List.copyOf(installed);
        defaults = List.copyOf(defaults);
    }

    static Optional<InstalledSet> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return Optional.of(new InstalledSet(names(p.getProperty(INSTALLED, "")), names(p.getProperty(DEFAULTS, ""))));
    }

    static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    InstalledSet withInstalled(List<String> names) {
        return new InstalledSet(names, defaults);
    }

    void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            w.write("# Features installed (features/NAME.json), in install order; feature:install and feature:uninstall change it.\n");
            w.write("# defaults: gatehouse.features of etc/config.properties this set started from; names added there or removed\n");
            w.write("# there later are installed or removed at the next start.\n");
            w.write(INSTALLED + "=" + String.join(",", installed) + "\n");
            w.write(DEFAULTS + "=" + String.join(",", defaults) + "\n");
        }
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
