package org.gatehouse.firmware.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * This bundle's side of {@code <data>/firmware/boot.properties}, the file the launcher reads to choose
 * the set it starts (the launcher's FirmwareBoot describes the keys): Update writes
 * {@code state=requested}, a confirmed trial writes {@code state=idle} with {@code active=target}.
 */
final class BootFile {

    private final Path file;

    BootFile(Path file) {
        this.file = file;
    }

    Properties load() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    String state() {
        return load().getProperty("state", "idle");
    }

    String target() {
        return load().getProperty("target", "");
    }

    String active() {
        return load().getProperty("active", "");
    }

    /** The last target that fell back and why, or empty. */
    String failed() {
        return load().getProperty("failed", "");
    }

    String reason() {
        return load().getProperty("reason", "");
    }

    /** Asks the launcher to start {@code target} at the next framework start; the active set stays the fallback. */
    void request(String target) {
        Properties p = load();
        p.setProperty("state", "requested");
        p.setProperty("target", target);
        p.remove("failed");
        p.remove("reason");
        Atomic.write(file, p, "Firmware boot choice: update to " + target + " requested");
    }

    /** The trial of the target succeeded: it becomes the active set. The commit point of an update. */
    void confirm() {
        Properties p = load();
        p.setProperty("active", p.getProperty("target", ""));
        p.setProperty("state", "idle");
        Atomic.write(file, p, "Firmware boot choice: " + p.getProperty("target") + " confirmed");
    }
}
