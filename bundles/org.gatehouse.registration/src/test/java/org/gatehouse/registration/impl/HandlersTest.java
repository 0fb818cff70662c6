package org.gatehouse.registration.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/** The handlers by object id: which one serves an object, and when the set of served objects changes. */
class HandlersTest {

    private static ObjectHandler handler() {
        return new ObjectHandler() {
        };
    }

    private static Map<String, Object> props(Object objectId, int ranking, long serviceId) {
        return Map.of(ObjectHandler.OBJECT_ID, objectId, Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, serviceId);
    }

    @Test
    void the_first_handler_of_an_object_changes_the_object_set_and_a_second_one_does_not() {
        Handlers handlers = new Handlers(Map.of());
        ObjectHandler first = handler();
        ObjectHandler second = handler();
        assertTrue(handlers.add(first, props(3, 0, 10)));
        assertFalse(handlers.add(second, props(3, 0, 11)));
        assertEquals(Set.of(3), handlers.objectIds());
        assertSame(first, handlers.find(3).orElseThrow(), "equal ranking: the lower service id");
        assertFalse(handlers.remove(first), "object 3 still has a handler");
        assertSame(second, handlers.find(3).orElseThrow());
        assertTrue(handlers.remove(second));
        assertEquals(Optional.empty(), handlers.find(3));
        assertFalse(handlers.remove(second), "removing twice changes nothing");
    }

    @Test
    void the_highest_ranking_serves_the_object() {
        Handlers handlers = new Handlers(Map.of());
        ObjectHandler low = handler();
        ObjectHandler high = handler();
        handlers.add(low, props(32769, 0, 10));
        handlers.add(high, props(32769, 5, 11));
        assertSame(high, handlers.find(32769).orElseThrow());
    }

    @Test
    void a_built_in_handler_is_not_replaced_and_a_handler_without_an_object_id_is_ignored() {
        ObjectHandler server = handler();
        Handlers handlers = new Handlers(Map.of(1, server));
        assertFalse(handlers.add(handler(), props(1, 100, 10)));
        assertSame(server, handlers.find(1).orElseThrow());
        assertFalse(handlers.add(handler(), Map.of()));
        assertFalse(handlers.add(handler(), props("three", 0, 12)));
        assertFalse(handlers.add(handler(), props(70000, 0, 13)));
        assertEquals(Set.of(1), handlers.objectIds());
    }

    @Test
    void an_object_id_given_as_text_or_long_is_read() {
        Handlers handlers = new Handlers(Map.of());
        assertTrue(handlers.add(handler(), Map.of(ObjectHandler.OBJECT_ID, "4")));
        assertTrue(handlers.add(handler(), Map.of(ObjectHandler.OBJECT_ID, 5L)));
        assertEquals(Set.of(4, 5), handlers.objectIds());
    }
}
