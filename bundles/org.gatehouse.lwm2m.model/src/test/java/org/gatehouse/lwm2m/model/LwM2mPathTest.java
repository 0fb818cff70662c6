package org.gatehouse.lwm2m.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LwM2mPathTest {

    @Test
    void parses_every_level_and_prints_it_back() {
        assertEquals(LwM2mPath.ROOT, LwM2mPath.parse("/"));
        assertEquals(LwM2mPath.of(3), LwM2mPath.parse("/3"));
        assertEquals(LwM2mPath.of(3, 0), LwM2mPath.parse("/3/0/"));
        assertEquals(LwM2mPath.of(3, 0, 7, 1), LwM2mPath.parse("3/0/7/1"));
        assertEquals("/3/0/7/1", LwM2mPath.of(3, 0, 7, 1).toString());
        assertEquals("/", LwM2mPath.ROOT.toString());
        assertEquals(2, LwM2mPath.parse("/1/0").depth());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a", "/3//1", "/3/0/1/2/5", "/65536", "/-1", "/3/ 0", "//"})
    void rejects_malformed_paths_with_a_message_naming_them(String text) {
        InvalidPathException e = assertThrows(InvalidPathException.class, () -> LwM2mPath.parse(text));
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void prefix_and_append() {
        assertTrue(LwM2mPath.of(0, 1, 3).startsWith(LwM2mPath.of(0)));
        assertTrue(LwM2mPath.of(0, 1, 3).startsWith(LwM2mPath.ROOT));
        assertFalse(LwM2mPath.of(0, 1).startsWith(LwM2mPath.of(0, 1, 3)));
        assertFalse(LwM2mPath.of(1, 1).startsWith(LwM2mPath.of(0)));
        assertEquals(LwM2mPath.of(0, 1, 3), LwM2mPath.of(0, 1).append(3));
        assertThrows(InvalidPathException.class, () -> new LwM2mPath(1, LwM2mPath.NONE, 3, LwM2mPath.NONE));
    }

    @Test
    void value_types_honour_equals_and_hashcode() {
        EqualsVerifier.forClass(LwM2mPath.class).verify();
        EqualsVerifier.forClass(ObjectLink.class).verify();
    }
}
