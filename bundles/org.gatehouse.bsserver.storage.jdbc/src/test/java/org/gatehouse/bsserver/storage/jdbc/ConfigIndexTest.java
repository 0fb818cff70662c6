package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.StoredConfig;
import org.junit.jupiter.api.Test;

/** The embedded engine's configuration index on its own: the best key, its own writes, and its bounds. */
class ConfigIndexTest {

    private static StoredConfig config(String key, int chars) {
        return new StoredConfig(key, "x".repeat(chars), 1, Instant.EPOCH);
    }

    @Test
    void the_endpoints_own_key_comes_before_the_longest_prefix_and_writes_apply_at_once() {
        ConfigIndex index = new ConfigIndex();
        assertFalse(index.usable());
        index.ensureLoaded(() -> index.load(List.of("plant-17"), List.of(config("plant-*", 10), config("*", 10))));
        assertTrue(index.usable());
        assertEquals(new ConfigIndex.Hit("plant-17", null), index.best(BootstrapStorage.candidateKeys("plant-17")).orElseThrow());
        assertEquals("plant-*", index.best(BootstrapStorage.candidateKeys("plant-18")).orElseThrow().config().key());
        index.put(config("plant-1*", 10));
        assertEquals("plant-1*", index.best(BootstrapStorage.candidateKeys("plant-18")).orElseThrow().key());
        index.remove("plant-1*");
        index.remove("*");
        assertEquals("plant-*", index.best(BootstrapStorage.candidateKeys("plant-18")).orElseThrow().key());
        assertEquals(Optional.empty(), index.best(BootstrapStorage.candidateKeys("pump")));
    }

    @Test
    void beyond_its_bounds_it_gives_way_to_the_database_until_the_next_open() {
        ConfigIndex index = new ConfigIndex();
        index.load(List.of(), List.of(config("a*", (int) ConfigIndex.MAX_PREFIX_CHARS)));
        assertTrue(index.usable());
        index.put(config("b*", 1));
        assertFalse(index.usable());
        index.ensureLoaded(() -> fail("not loaded again at every lookup"));
        index.invalidate(); // the next open
        AtomicBoolean again = new AtomicBoolean();
        index.ensureLoaded(() -> {
            again.set(true);
            index.load(List.of(), List.of(config("a*", (int) ConfigIndex.MAX_PREFIX_CHARS + 1)));
        });
        assertTrue(again.get(), "loaded again after the next open");
        assertFalse(index.usable());
        index.ensureLoaded(() -> fail("a refused index is not loaded again"));
    }
}
