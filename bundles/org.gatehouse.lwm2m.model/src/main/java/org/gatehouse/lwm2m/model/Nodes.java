package org.gatehouse.lwm2m.model;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Helpers for building the immutable, id-ordered child maps of nodes. */
final class Nodes {
    private Nodes() {
    }

    /**
     * A map this class built from nodes (keys are their ids) and handed straight to a node's
     * constructor: it can be kept without the defensive copy, which decoders would otherwise pay twice.
     */
    static final class Built<T> extends TreeMap<Integer, T> {
        private static final long serialVersionUID = 1L;

        Built() {
        }

        Built(SortedMap<Integer, ? extends T> from) {
            super(from);
        }
    }

    static <T> SortedMap<Integer, T> sortedCopy(Map<Integer, T> children, String what) {
        if (children instanceof Built<T> || children instanceof IdMap<T>) {
            return Collections.unmodifiableSortedMap((SortedMap<Integer, T>) children);
        }
        for (Map.Entry<Integer, T> e : children.entrySet()) {
            LwM2mNode.checkId(e.getKey(), what);
            if (e.getValue() == null) {
                throw new IllegalArgumentException(what + " " + e.getKey() + " is null");
            }
            if (e.getValue() instanceof LwM2mNode node && node.id() != e.getKey()) {
                throw new IllegalArgumentException(what + " keyed " + e.getKey() + " has id " + node.id());
            }
        }
        // checked in the map's own order above, so the first bad entry is the one reported, as before
        boolean ascending = children instanceof SortedMap<Integer, T> sorted && sorted.comparator() == null;
        return Collections.unmodifiableSortedMap(IdMap.ascending(ascending ? (SortedMap<Integer, T>) children : new TreeMap<>(children)));
    }

    /**
     * The nodes by id. In ascending order (as decoders give them) each is appended; from the first one
     * out of order on, they go through a TreeMap, so that building stays O(n log n) in any order.
     */
    static <T extends LwM2mNode> IdMap<T> byId(Collection<? extends T> nodes) {
        IdMap<T> map = new IdMap<>(nodes.size());
        TreeMap<Integer, T> unordered = null;
        for (T node : nodes) {
            if (unordered == null && map.append(node.id(), node)) {
                continue;
            }
            if (unordered == null) {
                unordered = new TreeMap<>(map);
            }
            if (unordered.put(node.id(), node) != null) {
                throw new IllegalArgumentException("duplicate id " + node.id());
            }
        }
        return unordered == null ? map : IdMap.ascending(unordered);
    }

    /** A modifiable copy of a node's children, for its with/without copies. */
    static <T> Built<T> copyOf(SortedMap<Integer, ? extends T> children) {
        return new Built<>(children);
    }
}
