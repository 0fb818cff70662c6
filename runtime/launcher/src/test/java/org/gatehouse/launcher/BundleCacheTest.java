package org.gatehouse.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCacheTest {

    @TempDir
    Path home;
    private Path cache;
    private Path jar;

    @BeforeEach
    void installation() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.createDirectories(home.resolve("lib"));
        Files.createDirectories(home.resolve("system/a"));
        Files.writeString(home.resolve("etc/config.properties"), "gatehouse.features=core\n");
        Files.writeString(home.resolve("etc/org.gatehouse.endpoint.cfg"), "name=one\n");
        jar = Files.writeString(home.resolve("system/a/a-1.jar"), "bundle");
        cache = Files.createDirectories(home.resolve("data/cache"));
    }

    private String fingerprint() throws Exception {
        return BundleCache.fingerprint(home, home, List.of(jar));
    }

    @Test
    void a_cache_is_kept_only_after_a_completed_start_with_the_same_fingerprint() throws Exception {
        assertFalse(BundleCache.reusable(cache, fingerprint()), "a new cache");
        BundleCache.save(cache, fingerprint());
        assertTrue(BundleCache.reusable(cache, fingerprint()));
        assertFalse(BundleCache.reusable(home.resolve("data/elsewhere"), fingerprint()));
    }

    @Test
    void any_change_to_what_the_cache_is_built_from_changes_the_fingerprint() throws Exception {
        String before = fingerprint();
        Files.writeString(home.resolve("etc/org.gatehouse.endpoint.cfg"), "name=two\n");
        String cfg = fingerprint();
        assertNotEquals(before, cfg, "a configuration file's content");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        String bundle = fingerprint();
        assertNotEquals(cfg, bundle, "a jar of a feature");
        assertNotEquals(bundle, BundleCache.fingerprint(home, home.resolve("data/firmware/versions/2"), List.of(jar)), "another set (firmware)");
        assertNotEquals(bundle, BundleCache.fingerprint(home, home, List.of()), "another list of bundles");
        Files.writeString(home.resolve("lib/launcher.jar"), "x");
        String lib = fingerprint();
        assertNotEquals(bundle, lib, "the launcher's class path");
        Files.writeString(home.resolve("etc/config.properties"), "gatehouse.features=core,shell\n");
        assertNotEquals(lib, fingerprint(), "the framework properties");
    }
}
