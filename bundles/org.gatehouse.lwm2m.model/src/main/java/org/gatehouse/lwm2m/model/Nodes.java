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
        if (children instanceof Built<T> built) {
            return Collections.unmodifiableSortedMap(built);
        }
        TreeMap<Integer, T> copy = new TreeMap<>();
        for (Map.Entry<Integer, T> e : children.entrySet()) {
            LwM2mNode.checkId(e.getKey(), what);
            if (e.getValue() == null) {
                throw new IllegalArgumentException(what + " " + e.getKey() + " is null");
            }
            if (e.getValue() instanceof LwM2mNode node && node.id() != e.getKey()) {
                throw new IllegalArgumentException(what + " keyed " + e.getKey() + " has id " + node.id());
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    static <T extends LwM2mNode> Built<T> byId(Collection<? extends T> nodes) {
        Built<T> map = new Built<>();
        for (T node : nodes) {
            if (map.put(node.id(), node) != null) {
                throw new IllegalArgumentException("duplicate id " + node.id());
            }
        }
        return map;
    }

    /** A modifiable copy of a node's children, for its with/without copies. */
    static <T> Built<T> copyOf(SortedMap<Integer, ? extends T> children) {
        return new Built<>(children);
    }
}
