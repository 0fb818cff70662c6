package org.gatehouse.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Which features to start with. etc/config.properties' gatehouse.features is the first start's set;
 * after that data/features.properties holds the installed set (feature:install and
 * feature:uninstall change it) with the configured list it came from, so that a name added to or
 * removed from etc/config.properties later is still installed or removed at the next start.
 */
final class InstalledFeatures {

    private InstalledFeatures() {
    }

    /**
     * The installed set, or {@code configured} on a first start: saved names minus those removed from
     * the configuration since, plus those added to it. A saved name whose file is gone is dropped.
     */
    static List<String> effective(List<String> configured, Path state, Predicate<String> exists) throws IOException {
        if (!Files.exists(state)) {
            return configured;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<String> installed = names(p.getProperty("installed", ""));
        List<String> defaults = names(p.getProperty("defaults", ""));
        List<String> result = new ArrayList<>();
        for (String name : installed) {
            boolean removedFromConfig = defaults.contains(name) && !configured.contains(name);
            if (!removedFromConfig && (configured.contains(name) || exists.test(name))) {
                result.add(name);
            } else if (!removedFromConfig) {
                System.err.println("gatehouse: installed feature '" + name + "' has no file in features/ any more; left out");
            }
        }
        for (String name : configured) {
            if (!defaults.contains(name) && !result.contains(name)) {
                result.add(name);
            }
        }
        return result;
    }

    /** Saves the set the gateway starts with, and the configured list it was derived from. */
    static void save(Path state, List<String> installed, List<String> configured) throws IOException {
        Files.createDirectories(state.toAbsolutePath().getParent());
        Path temp = state.resolveSibling(state.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            w.write("# Features installed (features/NAME.json), in install order; feature:install and feature:uninstall change it.\n");
            w.write("# defaults: gatehouse.features of etc/config.properties this set started from; names added there or removed\n");
            w.write("# there later are installed or removed at the next start.\n");
            w.write("installed=" + String.join(",", installed) + "\n");
            w.write("defaults=" + String.join(",", configured) + "\n");
        }
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(temp, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
