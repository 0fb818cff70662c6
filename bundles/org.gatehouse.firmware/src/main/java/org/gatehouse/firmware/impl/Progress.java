package org.gatehouse.firmware.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * State (3), Update Result (5), the reason for people, and the staged version: kept in
 * {@code progress.properties}, replaced atomically at each step, so that the next start knows what
 * was under way when the process died.
 */
record Progress(int state, int result, String reason, String version) {

    static final Progress INITIAL = new Progress(Codes.IDLE, Codes.INITIAL, "", "");

    Progress to(int newState, int newResult, String newReason) {
        return new Progress(newState, newResult, newReason, version);
    }

    Progress staged(String newVersion) {
        return new Progress(Codes.DOWNLOADED, Codes.INITIAL, "", newVersion);
    }

    boolean busy() {
        return state == Codes.DOWNLOADING || state == Codes.UPDATING;
    }

    static Progress load(Path file) {
        if (!Files.exists(file)) {
            return INITIAL;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Progress(Integer.parseInt(p.getProperty("state", "0")), Integer.parseInt(p.getProperty("result", "0")),
            p.getProperty("reason", ""), p.getProperty("version", ""));
    }

    void save(Path file) {
        Properties p = new Properties();
        p.setProperty("state", Integer.toString(state));
        p.setProperty("result", Integer.toString(result));
        p.setProperty("reason", reason);
        p.setProperty("version", version);
        Atomic.write(file, p, "Firmware Update (/5/0) progress");
    }
}
