package org.gatehouse.lwm2m.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.StoreCommitEvent;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each commit announces: revision, writer, and the objects and instances added, changed and removed. */
class CommitEventsTest {

    @Test
    void the_event_is_an_immutable_validated_value() {
        EqualsVerifier.forClass(StoreCommitEvent.class).suppress(Warning.NULL_FIELDS).verify(); // of() refuses nulls
        List<LwM2mPath> paths = new ArrayList<>(List.of(LwM2mPath.of(1, 0)));
        StoreCommitEvent e = StoreCommitEvent.of(1, "factory", paths, List.of(), List.of());
        paths.clear();
        assertEquals(List.of(LwM2mPath.of(1, 0)), e.added(), "a copy");
        assertThrows(UnsupportedOperationException.class, () -> e.added().clear());
        assertThrows(IllegalArgumentException.class, () -> StoreCommitEvent.of(0, "factory", List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> StoreCommitEvent.of(1, "factory", List.of(LwM2mPath.of(1, 0, 1)), List.of(), List.of()));
        assertThrows(NullPointerException.class, () -> StoreCommitEvent.of(1, null, List.of(), List.of(), List.of()));
    }

    private static final Duration WAIT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final List<StoreCommitEvent> events = new ArrayList<>();
    private FileObjectStore store;

    @BeforeEach
    void store() throws Exception {
        store = new FileObjectStore(dir, events::add);
    }

    private interface Change {
        void apply(StoreTransaction tx) throws StoreException;
    }

    private StoreCommitEvent commit(String writer, Change change) throws StoreException {
        int before = events.size();
        try (StoreTransaction tx = store.begin(writer, WAIT)) {
            change.apply(tx);
            tx.commit();
        }
        assertEquals(before + 1, events.size(), "one event per commit");
        return events.get(events.size() - 1);
    }

    private static LwM2mObjectInstance instance(int id, int value) {
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.integer(value)));
    }

    private static List<String> text(List<LwM2mPath> paths) {
        return paths.stream().map(LwM2mPath::toString).toList();
    }

    private static void assertPaths(StoreCommitEvent e, List<String> added, List<String> changed, List<String> removed) {
        assertEquals(added, text(e.added()), "added");
        assertEquals(changed, text(e.changed()), "changed");
        assertEquals(removed, text(e.removed()), "removed");
    }

    @Test
    void new_objects_and_instances_are_added_in_path_order() throws Exception {
        StoreCommitEvent e = commit("bootstrap:coaps://bs.example:5684", tx -> {
            tx.write(LwM2mPath.of(1, 0), instance(0, 101));
            tx.write(LwM2mPath.of(0, 1), instance(1, 1));
            tx.write(LwM2mPath.of(0, 0), instance(0, 0));
        });
        assertEquals(1, e.revision());
        assertEquals("bootstrap:coaps://bs.example:5684", e.writer());
        assertPaths(e, List.of("/0", "/0/0", "/0/1", "/1", "/1/0"), List.of(), List.of());
        assertEquals(List.of("/2", "/2/0", "/2/7"), text(commit("server:101", tx -> tx.write(LwM2mPath.of(2), LwM2mObject.of(2, instance(0, 1),
            instance(7, 1)))).added()));
    }

    @Test
    void a_resource_write_changes_its_instance_and_a_delete_removes_what_it_took() throws Exception {
        commit("factory", tx -> {
            tx.write(LwM2mPath.of(1, 0), instance(0, 101));
            tx.write(LwM2mPath.of(2), LwM2mObject.of(2, instance(0, 1), instance(1, 1)));
        });
        StoreCommitEvent e = commit("factory", tx -> tx.write(LwM2mPath.of(1, 0, 1), SingleResource.of(1, Value.integer(300))));
        assertPaths(e, List.of(), List.of("/1/0"), List.of());

        assertPaths(commit("factory", tx -> tx.delete(LwM2mPath.of(1, 0))), List.of(), List.of(), List.of("/1/0"));
        assertPaths(commit("factory", tx -> tx.delete(LwM2mPath.of(1))), List.of(), List.of(), List.of("/1"));
        assertPaths(commit("factory", tx -> tx.delete(LwM2mPath.of(2))), List.of(), List.of(), List.of("/2", "/2/0", "/2/1"));
    }

    @Test
    void the_same_values_are_a_change_only_when_another_writer_wrote_them() throws Exception {
        commit("factory", tx -> tx.write(LwM2mPath.of(1, 0), instance(0, 101)));
        assertPaths(commit("factory", tx -> tx.write(LwM2mPath.of(1, 0), instance(0, 101))), List.of(), List.of(), List.of());
        StoreCommitEvent e = commit("bootstrap:coap://bs", tx -> tx.write(LwM2mPath.of(1, 0), instance(0, 101)));
        assertPaths(e, List.of(), List.of("/1/0"), List.of());
        assertPaths(commit("bootstrap:coap://bs", tx -> tx.delete(LwM2mPath.of(7, 1))), List.of(), List.of(), List.of());
    }

    @Test
    void a_replaced_object_reports_each_instance() throws Exception {
        commit("factory", tx -> tx.write(LwM2mPath.of(2), LwM2mObject.of(2, instance(0, 1), instance(1, 1))));
        StoreCommitEvent e = commit("bootstrap:coap://bs", tx -> {
            tx.delete(LwM2mPath.ROOT);
            tx.write(LwM2mPath.of(2), LwM2mObject.of(2, instance(1, 2), instance(3, 1)));
        });
        assertPaths(e, List.of("/2/3"), List.of("/2/1"), List.of("/2/0"));
    }

    @Test
    void events_follow_commit_order_and_a_failing_listener_does_not_fail_the_commit() throws Exception {
        FileObjectStore throwing = new FileObjectStore(dir.resolve("other"), e -> {
            throw new IllegalStateException("listener broken");
        });
        try (StoreTransaction tx = throwing.begin("factory", WAIT)) {
            tx.write(LwM2mPath.of(1, 0), instance(0, 1));
            assertEquals(1, tx.commit());
        }
        assertEquals(instance(0, 1), new FileObjectStore(dir.resolve("other")).read(LwM2mPath.of(1, 0)).orElseThrow());

        for (int i = 1; i <= 5; i++) {
            int n = i;
            commit("server:" + n, tx -> tx.write(LwM2mPath.of(1, 0), instance(0, n)));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), events.stream().map(StoreCommitEvent::revision).toList());
        assertEquals(List.of("server:1", "server:2", "server:3", "server:4", "server:5"), events.stream().map(StoreCommitEvent::writer).toList());
    }
}
