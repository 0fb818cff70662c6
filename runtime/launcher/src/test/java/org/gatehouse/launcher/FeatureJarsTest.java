package org.gatehouse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureJarsTest {

    @TempDir
    Path home;
    private Path features;
    private Path system;
    private Path cache;
    private List<Path> jars;

    @BeforeEach
    void installation() throws Exception {
        features = Files.createDirectories(home.resolve("features"));
        system = Files.createDirectories(home.resolve("system"));
        cache = Files.createDirectories(home.resolve("data/cache"));
        Files.writeString(features.resolve("core.json"), "{\"bundles\": []}");
        Files.writeString(features.resolve("shell.json"), "{\"bundles\": []}");
        jars = List.of(Files.writeString(system.resolve("a-1.jar"), "a"), Files.writeString(system.resolve("b-1.jar"), "b"));
    }

    private String key(List<String> names) throws Exception {
        return FeatureJars.key(features, system, names);
    }

    @Test
    void the_kept_list_serves_while_no_feature_file_changed() throws Exception {
        assertEquals(Optional.empty(), FeatureJars.load(cache, key(List.of("core", "shell"))), "nothing kept yet");
        FeatureJars.save(cache, key(List.of("core", "shell")), jars);
        assertEquals(Optional.of(jars), FeatureJars.load(cache, key(List.of("core", "shell"))));

        assertTrue(FeatureJars.load(cache, key(List.of("core"))).isEmpty(), "another set of features");
        assertTrue(FeatureJars.load(cache, FeatureJars.key(features, home.resolve("other"), List.of("core", "shell"))).isEmpty(),
            "another system/ folder (a firmware version)");
        Files.setLastModifiedTime(features.resolve("shell.json"), FileTime.fromMillis(1_000));
        assertTrue(FeatureJars.load(cache, key(List.of("core", "shell"))).isEmpty(), "a feature file touched");
    }

    @Test
    void a_list_naming_a_jar_that_is_gone_is_not_used() throws Exception {
        FeatureJars.save(cache, key(List.of("core")), jars);
        Files.delete(jars.get(1));
        assertTrue(FeatureJars.load(cache, key(List.of("core"))).isEmpty());
    }
}
