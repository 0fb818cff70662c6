package org.gatehouse.endpoint.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentNameTest {

    @TempDir
    Path dir;

    @Test
    void generated_once_then_kept() throws Exception {
        String first = PersistentName.loadOrCreate(dir.resolve("endpoint-name"));
        assertTrue(first.matches("urn:uuid:[0-9a-f-]{36}"), first);
        assertEquals(first, PersistentName.loadOrCreate(dir.resolve("endpoint-name")));
        assertNotEquals(first, PersistentName.loadOrCreate(dir.resolve("other/endpoint-name")));
    }
}
