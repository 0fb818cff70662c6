package org.gatehouse.shell.ssh.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings settings(int port, String user, int backoffAfter) {
        return new Settings("127.0.0.1", port, user, Path.of("k"), Optional.empty(), Path.of("h"), Duration.ofSeconds(60), backoffAfter,
            Duration.ofSeconds(300));
    }

    @Test
    void sensible_settings_are_taken() {
        assertEquals(8101, settings(8101, "gatehouse", 5).port());
    }

    @Test
    void a_bad_port_an_empty_user_or_no_back_off_is_refused_with_the_reason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(70000, "gatehouse", 5)).getMessage().contains("70000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(8101, " ", 5)).getMessage().contains("user"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(8101, "gatehouse", 0)).getMessage().contains("backoffAfter"));
    }
}
