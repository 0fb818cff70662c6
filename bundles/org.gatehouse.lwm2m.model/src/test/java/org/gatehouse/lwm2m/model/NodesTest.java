package org.gatehouse.lwm2m.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NodesTest {

    @Test
    void opaque_values_compare_by_content_and_are_copied() {
        byte[] bytes = {1, 2, 3};
        Value v = Value.opaque(bytes);
        bytes[0] = 9;
        assertEquals(Value.opaque(new byte[] {1, 2, 3}), v);
        assertEquals(Value.opaque(new byte[] {1, 2, 3}).hashCode(), v.hashCode());
        assertNotEquals(Value.opaque(new byte[] {1, 2}), v);
        v.asBytes()[0] = 7;
        assertEquals(1, v.asBytes()[0]);
    }

    @Test
    void values_of_different_types_differ_and_text_follows_the_type() {
        assertNotEquals(Value.integer(5), Value.unsigned(5));
        assertEquals("18446744073709551615", Value.unsigned(-1L).text());
        assertEquals("1", Value.bool(true).text());
        assertEquals(Value.time(Instant.ofEpochSecond(10, 999)), Value.time(10));
        assertThrows(IllegalStateException.class, () -> Value.integer(1).asString());
    }

    @Test
    void nodes_are_ordered_immutable_and_validated() {
        LwM2mObjectInstance i = LwM2mObjectInstance.of(0, SingleResource.of(7, Value.string("U")), SingleResource.of(0, Value.integer(1)));
        assertEquals(java.util.List.of(0, 7), java.util.List.copyOf(i.resources().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> i.resources().clear());
        assertThrows(IllegalArgumentException.class, () -> LwM2mObjectInstance.of(0, SingleResource.of(1, Value.bool(true)), SingleResource.of(1, Value.bool(false))));
        assertThrows(IllegalArgumentException.class, () -> MultipleResource.of(2, ResourceType.INTEGER, Map.of(0, Value.string("x"))));
        assertThrows(IllegalArgumentException.class, () -> new LwM2mObject(1, new java.util.TreeMap<>(Map.of(2, LwM2mObjectInstance.of(3)))));
        LwM2mObject o = LwM2mObject.of(1, i).with(LwM2mObjectInstance.of(4));
        assertEquals(2, o.instances().size());
        assertEquals(1, o.without(4).instances().size());
    }
}
