package org.gatehouse.lwm2m.model;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A multiple-instance resource: one type, values keyed and ordered by resource-instance id. It may be empty.
 *
 * @since 1.0.0
 */
public record MultipleResource(int id, ResourceType type, SortedMap<Integer, Value> values) implements LwM2mResource {

    public MultipleResource {
        LwM2mNode.checkId(id, "resource");
        Objects.requireNonNull(type, "type");
        values = Nodes.sortedCopy(values, "resource instance");
        for (Value v : values.values()) {
            if (v.type() != type) {
                wrongType(id, type, values);
            }
        }
    }

    // the entries only on error: walking them on every decode would make one entry object per value
    private static void wrongType(int id, ResourceType type, SortedMap<Integer, Value> values) {
        for (Map.Entry<Integer, Value> e : values.entrySet()) {
            if (e.getValue().type() != type) {
                throw new IllegalArgumentException("resource " + id + " is " + type + " but instance " + e.getKey() + " is " + e.getValue().type());
            }
        }
    }

    public static MultipleResource of(int id, ResourceType type, Map<Integer, Value> values) {
        return new MultipleResource(id, type, new java.util.TreeMap<>(values));
    }

    public Value value(int instanceId) {
        return values.get(instanceId);
    }

    @Override
    public boolean isMultiple() {
        return true;
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public String toString() {
        return id + "=" + values;
    }
}
