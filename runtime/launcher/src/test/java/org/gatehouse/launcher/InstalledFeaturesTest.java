package org.gatehouse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledFeaturesTest {

    private static final List<String> CONFIGURED = List.of("core", "transport", "bootstrap", "shell");

    @TempDir
    Path dir;

    @Test
    void first_start_uses_the_configured_list() throws Exception {
        assertEquals(CONFIGURED, InstalledFeatures.effective(CONFIGURED, dir.resolve("features.properties"), n -> true));
    }

    @Test
    void later_starts_use_the_saved_set_in_its_order() throws Exception {
        Path state = dir.resolve("features.properties");
        InstalledFeatures.save(state, List.of("core", "transport", "shell", "bootstrap-smartcard"), CONFIGURED);
        // bootstrap was uninstalled, bootstrap-smartcard installed while running
        assertEquals(List.of("core", "transport", "shell", "bootstrap-smartcard"), InstalledFeatures.effective(CONFIGURED, state, n -> true));
    }

    @Test
    void a_name_added_to_or_removed_from_the_configuration_since_is_applied_to_the_saved_set() throws Exception {
        Path state = dir.resolve("features.properties");
        InstalledFeatures.save(state, List.of("core", "transport", "bootstrap", "shell", "bootstrap-smartcard"), CONFIGURED);
        List<String> edited = List.of("core", "transport", "shell", "bootstrap-client");
        assertEquals(List.of("core", "transport", "shell", "bootstrap-smartcard", "bootstrap-client"),
            InstalledFeatures.effective(edited, state, n -> true));
    }

    @Test
    void a_saved_feature_whose_file_is_gone_is_left_out() throws Exception {
        Path state = dir.resolve("features.properties");
        InstalledFeatures.save(state, List.of("core", "custom"), List.of("core"));
        assertEquals(List.of("core"), InstalledFeatures.effective(List.of("core"), state, n -> !n.equals("custom")));
    }

    @Test
    void saving_replaces_the_file_whole() throws Exception {
        Path state = dir.resolve("data/features.properties");
        InstalledFeatures.save(state, List.of("core", "shell"), List.of("core"));
        InstalledFeatures.save(state, List.of("core"), List.of("core"));
        assertEquals(List.of("core"), InstalledFeatures.effective(List.of("core"), state, n -> true));
        try (var files = Files.list(state.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
