package org.gatehouse.lwm2m.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The children maps of nodes read as the TreeMaps they replace, whatever order the children came in. */
class IdMapTest {

    @Test
    void children_in_any_order_read_as_a_tree_map() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            List<LwM2mResource> resources = new ArrayList<>();
            TreeMap<Integer, LwM2mResource> expected = new TreeMap<>();
            for (int k = random.nextInt(40); k > 0; k--) {
                int id = random.nextInt(n % 2 == 0 ? 60 : 65535);
                if (!expected.containsKey(id)) {
                    SingleResource r = SingleResource.of(id, Value.integer(random.nextLong()));
                    resources.add(r);
                    expected.put(id, r);
                }
            }
            if (n % 3 == 0) {
                Collections.sort(resources, (a, b) -> Integer.compare(a.id(), b.id())); // a decoder's order
            }
            SortedMap<Integer, LwM2mResource> actual = LwM2mObjectInstance.of(1, resources).resources();
            assertEquals(expected, actual);
            assertEquals(actual, expected);
            assertEquals(expected.hashCode(), actual.hashCode());
            assertEquals(expected.toString(), actual.toString());
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
            assertEquals(List.copyOf(expected.values()), List.copyOf(actual.values()));
            assertEquals(List.copyOf(expected.entrySet()), List.copyOf(actual.entrySet()));
            for (int id = -1; id < 62; id++) {
                assertEquals(expected.get(id), actual.get(id));
                assertEquals(expected.containsKey(id), actual.containsKey(id));
            }
            if (!expected.isEmpty()) {
                assertEquals(expected.firstKey(), actual.firstKey());
                assertEquals(expected.lastKey(), actual.lastKey());
                assertEquals(expected.headMap(30), actual.headMap(30));
                assertEquals(expected.tailMap(30), actual.tailMap(30));
                assertEquals(expected.subMap(10, 40), actual.subMap(10, 40));
            }
        }
    }

    @Test
    void children_maps_refuse_changes_and_foreign_keys() {
        SortedMap<Integer, LwM2mObjectInstance> empty = LwM2mObject.of(1).instances();
        SortedMap<Integer, LwM2mResource> some = LwM2mObjectInstance.of(0, SingleResource.of(3, Value.bool(true))).resources();
        for (SortedMap<Integer, ?> m : List.of(empty, some)) {
            assertThrows(UnsupportedOperationException.class, m::clear);
            assertThrows(UnsupportedOperationException.class, () -> m.remove(3));
            assertThrows(UnsupportedOperationException.class, () -> m.keySet().remove(3));
            assertThrows(UnsupportedOperationException.class, () -> m.values().clear());
            assertThrows(UnsupportedOperationException.class, () -> m.entrySet().iterator().remove());
            assertThrows(NullPointerException.class, () -> m.get(null));
            assertNull(m.comparator());
        }
        assertThrows(ClassCastException.class, () -> some.get("3"));
        assertNull(empty.get("3"));
        assertThrows(UnsupportedOperationException.class, () -> some.entrySet().iterator().next().setValue(null));
        assertThrows(NoSuchElementException.class, empty::firstKey);
        assertThrows(NoSuchElementException.class, empty::lastKey);
        assertThrows(IllegalArgumentException.class, () -> some.subMap(5, 1));
        assertThrows(NoSuchElementException.class, () -> empty.values().iterator().next());
        assertTrue(empty.isEmpty());
        assertFalse(some.containsValue(SingleResource.of(3, Value.bool(false))));
    }

    @Test
    void maps_given_to_a_node_are_copied_sorted_and_checked_in_their_own_order() {
        Map<Integer, Value> values = new HashMap<>();
        for (int id : new int[] {900, 3, 70, 65534, 0, 12}) {
            values.put(id, Value.integer(id));
        }
        MultipleResource r = MultipleResource.of(5, ResourceType.INTEGER, values);
        assertEquals(new TreeMap<>(values), r.values());
        assertEquals(List.of(0, 3, 12, 70, 900, 65534), List.copyOf(r.values().keySet()));
        values.put(1, Value.integer(1)); // a copy: the caller's map changes nothing
        assertEquals(6, r.values().size());
        TreeMap<Integer, Value> reversed = new TreeMap<>(Collections.reverseOrder());
        reversed.putAll(values);
        assertEquals(List.of(0, 1, 3, 12, 70, 900, 65534), List.copyOf(new MultipleResource(5, ResourceType.INTEGER, reversed).values().keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LwM2mObjectInstance.of(0, SingleResource.of(4, Value.bool(true)), SingleResource.of(2, Value.bool(true)),
                SingleResource.of(4, Value.bool(false))));
        assertEquals("duplicate id 4", e.getMessage());
        assertInstanceOf(SortedMap.class, LwM2mObject.of(1, LwM2mObjectInstance.of(2)).with(LwM2mObjectInstance.of(0)).instances());
    }

    @Test
    void object_models_look_resources_up_as_their_read_only_map_does() {
        ObjectModel security = CoreModels.all().find(0).orElseThrow();
        TreeMap<Integer, ResourceModel> expected = new TreeMap<>(security.resources());
        for (int id = -1; id < 70; id++) {
            assertEquals(expected.get(id), security.resource(id));
            assertEquals(expected.get(id), security.resources().get(id));
        }
        assertEquals(expected, security.resources());
        assertThrows(UnsupportedOperationException.class, () -> security.resources().clear());
        assertThrows(UnsupportedOperationException.class, () -> security.resources().remove(0));
        assertEquals(security, new ObjectModel(0, security.name(), security.description(), security.objectVersion(),
            security.lwm2mVersion(), security.urn(), security.multiple(), security.mandatory(), expected));
        TreeMap<Integer, ResourceModel> reversed = new TreeMap<>(Collections.reverseOrder());
        reversed.putAll(expected);
        ObjectModel descending = new ObjectModel(0, security.name(), security.description(), security.objectVersion(),
            security.lwm2mVersion(), security.urn(), security.multiple(), security.mandatory(), reversed);
        assertEquals(expected.lastKey(), descending.resources().firstKey()); // a map's own order is kept, as before
        assertEquals(expected.get(3), descending.resource(3));
        assertEquals(security, descending);
    }
}
