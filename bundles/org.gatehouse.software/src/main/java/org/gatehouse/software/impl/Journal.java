package org.gatehouse.software.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The progress of every instance that a server has acted on, kept in one properties file and
 * replaced atomically on each change, so that a crash leaves either the old or the new file: after
 * a restart, results are still reported and an install that was under way is seen as interrupted.
 */
final class Journal {

    private final Path file;

    Journal(Path file) {
        this.file = file;
    }

    synchronized Map<Integer, Progress> load() {
        Map<Integer, Progress> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (String key : p.stringPropertyNames()) {
            if (key.endsWith(".state")) {
                String id = key.substring(0, key.length() - ".state".length());
                out.put(Integer.valueOf(id), new Progress(Integer.parseInt(p.getProperty(id + ".state")),
                    Integer.parseInt(p.getProperty(id + ".result", "0")), p.getProperty(id + ".reason", ""), p.getProperty(id + ".name", ""),
                    p.getProperty(id + ".version", ""), Boolean.parseBoolean(p.getProperty(id + ".installing")),
                    Boolean.parseBoolean(p.getProperty(id + ".installedBefore"))));
            }
        }
        return out;
    }

    synchronized void save(Map<Integer, Progress> all) {
        Properties p = new Properties();
        all.forEach((id, g) -> {
            p.setProperty(id + ".state", Integer.toString(g.state()));
            p.setProperty(id + ".result", Integer.toString(g.result()));
            p.setProperty(id + ".reason", g.reason());
            p.setProperty(id + ".name", g.name());
            p.setProperty(id + ".version", g.version());
            p.setProperty(id + ".installing", Boolean.toString(g.installing()));
            p.setProperty(id + ".installedBefore", Boolean.toString(g.installedBefore()));
        });
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Software Management progress per /9 instance");
                out.flush();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
