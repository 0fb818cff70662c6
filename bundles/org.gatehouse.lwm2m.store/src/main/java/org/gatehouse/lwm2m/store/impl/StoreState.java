package org.gatehouse.lwm2m.store.impl;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.ObjectTree;

/**
 * One committed state: the tree and, per instance path, the writer of its last change. Kept and
 * persisted together so that a writer can never describe an instance of another revision.
 */
record StoreState(ObjectTree tree, Map<LwM2mPath, String> writers) {

    static final StoreState EMPTY = new StoreState(ObjectTree.EMPTY, Map.of());

    StoreState {
        writers = Map.copyOf(writers);
    }

    long revision() {
        return tree.revision();
    }

    Optional<String> writerOf(LwM2mPath path) {
        return Optional.ofNullable(writers.get(instance(path)));
    }

    /**
     * The state after a commit by {@code writer} that touched {@code touched}: those instances that
     * still exist are now the writer's; those that do not lose their entry.
     */
    StoreState next(ObjectTree nextTree, Set<LwM2mPath> touched, String writer) {
        Map<LwM2mPath, String> next = new HashMap<>(writers);
        for (LwM2mPath p : touched) {
            if (nextTree.read(p).isPresent()) {
                next.put(p, writer);
            } else {
                next.remove(p);
            }
        }
        return new StoreState(nextTree, next);
    }

    /** The instance path at or above {@code path}; writers are kept per instance. */
    static LwM2mPath instance(LwM2mPath path) {
        if (path.depth() < 2) {
            throw new IllegalArgumentException("writers are kept per instance, not for " + path);
        }
        return LwM2mPath.of(path.objectId(), path.instanceId());
    }
}
