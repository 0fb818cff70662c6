package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder driven by explicit scans (the poller runs hourly here), so nothing waits on time. */
class ConfigFolderTest {

    @TempDir
    Path dir;
    private final MemoryStorage storage = new MemoryStorage();
    private ConfigFolder folder;

    private ConfigFolder folder() {
        folder = new ConfigFolder(new ConfigStore(storage, ModelRegistry.of(CoreModels.all())),
            TestConfigs.of(ConfigFolder.Config.class, Map.of("folder", dir.toString(), "poll_interval", 3_600_000L)), null);
        return folder;
    }

    @AfterEach
    void stop() {
        if (folder != null) {
            folder.deactivate();
        }
    }

    @Test
    void a_dropped_file_is_stored_a_changed_one_stored_again_a_deleted_one_removed() throws Exception {
        ConfigFolder f = folder();
        Path file = dir.resolve("gw.json");
        Files.writeString(file, ConfigParserTest.example());
        f.scan();
        assertEquals(1, storage.config("gw-0001").orElseThrow().revision());
        f.scan();
        assertEquals(1, storage.config("gw-0001").orElseThrow().revision(), "unchanged content is not stored again");
        Files.writeString(file, ConfigParserTest.example().replace("\"lifetime\": 300", "\"lifetime\": 600"));
        f.scan();
        assertEquals(2, storage.config("gw-0001").orElseThrow().revision());
        Files.delete(file);
        f.scan();
        assertTrue(storage.config("gw-0001").isEmpty());
    }

    @Test
    void a_file_that_now_names_another_endpoint_takes_its_old_configuration_away() throws Exception {
        ConfigFolder f = folder();
        Path file = dir.resolve("gw.json");
        Files.writeString(file, ConfigParserTest.example());
        f.scan();
        Files.writeString(file, ConfigParserTest.example().replace("\"endpoint\": \"gw-0001\"", "\"endpoint\": \"gw-0002\""));
        f.scan();
        assertTrue(storage.config("gw-0001").isEmpty());
        assertEquals(1, storage.config("gw-0002").orElseThrow().revision());
    }

    @Test
    void a_bad_file_is_refused_and_the_previous_configuration_stays() throws Exception {
        ConfigFolder f = folder();
        Path file = dir.resolve("gw.json");
        Files.writeString(file, ConfigParserTest.example());
        f.scan();
        Files.writeString(file, "{\"endpoint\": \"gw-0001\", \"servers\": []}");
        f.scan();
        assertEquals(ConfigParserTest.example(), storage.config("gw-0001").orElseThrow().json());
        Files.writeString(dir.resolve("other.txt"), "not a configuration");
        f.scan();
        assertEquals(1, storage.configs().size());
    }
}
