package org.gatehouse.features.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledSetTest {

    @TempDir
    Path dir;

    @Test
    void no_file_means_no_saved_set() throws Exception {
        assertEquals(Optional.empty(), InstalledSet.load(dir.resolve("features.properties")));
    }

    @Test
    void the_set_is_read_back_in_its_order_with_the_configured_defaults_kept() throws Exception {
        Path file = dir.resolve("data/features.properties");
        InstalledSet launched = new InstalledSet(List.of("core", "transport", "shell"), List.of("core", "transport", "shell"));
        launched.save(file);
        launched.withInstalled(List.of("core", "shell", "bootstrap-smartcard")).save(file);
        InstalledSet read = InstalledSet.load(file).orElseThrow();
        assertEquals(List.of("core", "shell", "bootstrap-smartcard"), read.installed());
        assertEquals(List.of("core", "transport", "shell"), read.defaults());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void the_file_is_what_the_launcher_reads() throws Exception {
        Path file = dir.resolve("features.properties");
        new InstalledSet(List.of("core", "bootstrap-client"), List.of("core")).save(file);
        String text = Files.readString(file);
        assertTrue(text.contains("\ninstalled=core,bootstrap-client\n") && text.contains("\ndefaults=core\n"), text);
    }

    @Test
    void names_are_trimmed_and_not_repeated() {
        assertEquals(List.of("core", "shell"), InstalledSet.names(" core, ,shell,core "));
    }
}
