package org.gatehouse.features.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gatehouse.features.FeatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureFileTest {

    @TempDir
    Path dir;

    @Test
    void bundles_and_configurations_are_read_as_the_feature_format_writes_them() throws Exception {
        Path file = dir.resolve("demo.json");
        Files.writeString(file, """
            {
              // the Feature format allows comments
              "feature-resource-version": "1.0",
              "id": "org.gatehouse.features:demo:1.0.0",
              "title": "Demo",
              "bundles": [ { "id": "org.gatehouse:org.gatehouse.a:1.0.0" }, "org.example:b:zip:linux:2.0" ],
              "configurations": {
                "org.gatehouse.demo": { "port:Integer": 5683, "name": "x", "ratio": 0.5, "on": true, "hosts": ["a", "b"], "big": 7 },
                "org.gatehouse.demo.factory~one": { }
              }
            }
            """);
        FeatureFile f = FeatureFile.read("demo", file);
        assertEquals("org.gatehouse.features:demo:1.0.0", f.id());
        assertEquals("Demo", f.title());
        assertEquals("", f.description());
        assertEquals(List.of("org.gatehouse:org.gatehouse.a:1.0.0", "org.example:b:zip:linux:2.0"), f.bundles());
        Map<String, Object> c = f.configurations().get("org.gatehouse.demo");
        assertEquals(5683, c.get("port"));
        assertEquals("x", c.get("name"));
        assertEquals(0.5, c.get("ratio"));
        assertEquals(true, c.get("on"));
        assertEquals(7L, c.get("big"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) c.get("hosts"));
        assertEquals(List.of("org.gatehouse.demo", "org.gatehouse.demo.factory~one"), List.copyOf(f.configurations().keySet()));
    }

    @Test
    void a_bundle_id_maps_to_its_jar_in_maven_layout() {
        Path system = Path.of("/g/system");
        assertEquals(system.resolve("org/gatehouse/org.gatehouse.a/1.0.0/org.gatehouse.a-1.0.0.jar"),
            MavenId.parse("org.gatehouse:org.gatehouse.a:1.0.0").jar(system));
        assertEquals(system.resolve("org/example/b/2.0/b-2.0-linux.zip"), MavenId.parse("org.example:b:zip:linux:2.0").jar(system));
    }

    @Test
    void a_missing_or_malformed_file_is_refused_with_its_path() throws Exception {
        FeatureException missing = assertThrows(FeatureException.class, () -> FeatureFile.read("nope", dir.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("nope.json"), missing.getMessage());
        Files.writeString(dir.resolve("bad.json"), "{ \"id\": \"g:a:1\", \"bundles\": [ { \"id\": \"only:two\" } ] }");
        FeatureException bad = assertThrows(FeatureException.class, () -> FeatureFile.read("bad", dir.resolve("bad.json")));
        assertTrue(bad.getMessage().contains("only:two"), bad.getMessage());
        Files.writeString(dir.resolve("broken.json"), "{ \"id\": ");
        assertThrows(FeatureException.class, () -> FeatureFile.read("broken", dir.resolve("broken.json")));
    }
}
