package org.gatehouse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's reading of boot.properties: which set starts, a trial begun, a fallback. */
class FirmwareBootTest {

    @TempDir
    Path dir;

    @Test
    void the_installation_starts_until_an_update_is_requested_then_the_target_on_trial_then_back_on_fallback() throws IOException {
        Path home = dir.resolve("home");
        Path data = dir.resolve("data");
        FirmwareBoot boot = new FirmwareBoot(data);
        assertEquals(home, boot.root(home));
        assertFalse(boot.beginTrial());

        write(data, "state=requested\ntarget=0.2.0\nactive=\n");
        assertEquals(data.resolve("firmware/versions/0.2.0"), boot.root(home));
        assertTrue(boot.beginTrial());
        assertEquals(FirmwareBoot.TRYING, boot.state());
        assertEquals(data.resolve("firmware/versions/0.2.0"), boot.root(home));

        boot.fallBack("could not start: feature 'core' lists x but y is missing");
        assertEquals(FirmwareBoot.IDLE, boot.state());
        assertEquals(home, boot.root(home));
        assertEquals("0.2.0", boot.load().getProperty("failed"));
        assertTrue(boot.load().getProperty("reason").startsWith("could not start"));
    }

    @Test
    void a_confirmed_version_stays_the_one_started() throws IOException {
        Path data = dir.resolve("data");
        write(data, "state=idle\ntarget=0.2.0\nactive=0.2.0\n");
        assertEquals(data.resolve("firmware/versions/0.2.0"), new FirmwareBoot(data).root(dir));
    }

    @Test
    void the_version_is_read_from_the_version_file() throws IOException {
        Files.writeString(dir.resolve("VERSION"), "1.2.3\n");
        assertEquals("1.2.3", FirmwareBoot.version(dir));
        assertEquals("unknown", FirmwareBoot.version(dir.resolve("none")));
    }

    private static void write(Path data, String text) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.StringReader(text));
        Files.createDirectories(data.resolve("firmware"));
        try (OutputStream out = Files.newOutputStream(data.resolve("firmware/boot.properties"))) {
            p.store(out, null);
        }
    }
}
