package org.gatehouse.lwm2m.store.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.StoreCommitEvent;

/**
 * The event of one commit, from the states before and after it. Computed from the states rather than
 * from the transaction's operations so that it says what changed, not what was asked: a write of equal
 * values by the same writer is no change, a delete of something absent neither. Untouched objects and
 * instances are the same references in both trees (copy-on-write), so they cost one comparison each.
 */
final class CommitEvents {

    private final List<LwM2mPath> added = new ArrayList<>();
    private final List<LwM2mPath> changed = new ArrayList<>();
    private final List<LwM2mPath> removed = new ArrayList<>();

    private CommitEvents() {
    }

    static StoreCommitEvent between(StoreState before, StoreState after, String writer) {
        CommitEvents diff = new CommitEvents();
        TreeSet<Integer> objectIds = new TreeSet<>(before.tree().objects().keySet());
        objectIds.addAll(after.tree().objects().keySet());
        for (int id : objectIds) {
            LwM2mObject was = before.tree().objects().get(id);
            LwM2mObject is = after.tree().objects().get(id);
            if (was == is) {
                continue;
            }
            if (was == null) {
                diff.added.add(LwM2mPath.of(id));
            } else if (is == null) {
                diff.removed.add(LwM2mPath.of(id));
            }
            diff.instances(id, instancesOf(was), instancesOf(is), before.writers(), after.writers());
        }
        return StoreCommitEvent.of(after.revision(), writer, diff.added, diff.changed, diff.removed);
    }

    private void instances(int objectId, SortedMap<Integer, LwM2mObjectInstance> was, SortedMap<Integer, LwM2mObjectInstance> is,
            Map<LwM2mPath, String> writersBefore, Map<LwM2mPath, String> writersAfter) {
        TreeSet<Integer> ids = new TreeSet<>(was.keySet());
        ids.addAll(is.keySet());
        for (int id : ids) {
            LwM2mPath path = LwM2mPath.of(objectId, id);
            LwM2mObjectInstance a = was.get(id);
            LwM2mObjectInstance b = is.get(id);
            if (a == null) {
                added.add(path);
            } else if (b == null) {
                removed.add(path);
            } else if (!a.equals(b) || !Objects.equals(writersBefore.get(path), writersAfter.get(path))) {
                changed.add(path);
            }
        }
    }

    private static SortedMap<Integer, LwM2mObjectInstance> instancesOf(LwM2mObject o) {
        return o == null ? new TreeMap<>() : o.instances();
    }
}
