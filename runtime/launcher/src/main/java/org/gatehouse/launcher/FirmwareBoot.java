package org.gatehouse.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * Which distribution set (system/ and features/) the launcher starts: the one of the installation,
 * or a version the Firmware Update object (5) staged in {@code <data>/firmware/versions/<name>/}.
 * The choice is one file, {@code <data>/firmware/boot.properties}, replaced atomically at each step,
 * so a kill -9 at any moment leaves either the old or the new set named, never a mix:
 *
 * <pre>
 * active=     the confirmed set ("" = the installation's own)
 * state=      idle | requested (Update executed) | trying (the launcher started target, not yet confirmed)
 * target=     the staged version being tried
 * failed=     the last target that fell back, with reason=
 * </pre>
 *
 * The firmware bundle writes requested (on Update) and idle with active=target (once the new set
 * registered with a server); the launcher writes trying when it starts a target, and falls back to
 * active when a process starts and finds trying (the trial died), when the target cannot start, or
 * when it is not confirmed in time.
 */
final class FirmwareBoot {

    static final String IDLE = "idle";
    static final String REQUESTED = "requested";
    static final String TRYING = "trying";

    private final Path file;
    private final Path versions;

    FirmwareBoot(Path data) {
        this.file = data.resolve("firmware/boot.properties");
        this.versions = data.resolve("firmware/versions");
    }

    Properties load() throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return p;
    }

    String state() throws IOException {
        return load().getProperty("state", IDLE);
    }

    /** The folder holding system/ and features/ to start: the target while requested or trying, else active. */
    Path root(Path home) throws IOException {
        Properties p = load();
        String state = p.getProperty("state", IDLE);
        String name = state.equals(IDLE) ? p.getProperty("active", "") : p.getProperty("target", "");
        return name.isEmpty() ? home : versions.resolve(name);
    }

    /** A requested update becomes a trial: the target is started from now on until confirmed or fallen back. */
    boolean beginTrial() throws IOException {
        Properties p = load();
        if (!REQUESTED.equals(p.getProperty("state"))) {
            return false;
        }
        p.setProperty("state", TRYING);
        save(p);
        System.out.println("gatehouse: starting firmware " + p.getProperty("target") + " on trial (previous: "
            + name(p.getProperty("active", "")) + ")");
        return true;
    }

    /**
     * Back to the active set; the firmware bundle reports the target as failed (Update Result 8) with
     * {@code reason}. Nothing when no trial is on any more (the new set confirmed itself meanwhile).
     */
    boolean fallBack(String reason) throws IOException {
        Properties p = load();
        if (!TRYING.equals(p.getProperty("state"))) {
            return false;
        }
        String target = p.getProperty("target", "");
        p.setProperty("state", IDLE);
        p.setProperty("failed", target);
        p.setProperty("reason", reason);
        save(p);
        System.err.println("gatehouse: firmware " + target + " " + reason + "; falling back to " + name(p.getProperty("active", "")));
        return true;
    }

    private static String name(String active) {
        return active.isEmpty() ? "the installed distribution" : active;
    }

    private void save(Properties p) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "Firmware boot choice (see org.gatehouse.firmware README)");
        }
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The version a root folder holds: its VERSION file, else "unknown". */
    static String version(Path root) {
        try {
            return Files.readString(root.resolve("VERSION")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
