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

    static <T> SortedMap<Integer, T> sortedCopy(Map<Integer, T> children, String what) {
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

    static <T extends LwM2mNode> SortedMap<Integer, T> byId(Collection<T> nodes) {
        TreeMap<Integer, T> map = new TreeMap<>();
        for (T node : nodes) {
            if (map.put(node.id(), node) != null) {
                throw new IllegalArgumentException("duplicate id " + node.id());
            }
        }
        return map;
    }
}
