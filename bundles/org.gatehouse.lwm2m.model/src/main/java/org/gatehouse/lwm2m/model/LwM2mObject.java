package org.gatehouse.lwm2m.model;

import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An object with its instances, keyed and ordered by instance id.
 *
 * @since 1.0.0
 */
public record LwM2mObject(int id, SortedMap<Integer, LwM2mObjectInstance> instances) implements LwM2mNode {

    public LwM2mObject {
        LwM2mNode.checkId(id, "object");
        instances = Nodes.sortedCopy(instances, "instance");
    }

    public static LwM2mObject of(int id, Collection<LwM2mObjectInstance> instances) {
        return new LwM2mObject(id, Nodes.byId(instances));
    }

    public static LwM2mObject of(int id, LwM2mObjectInstance... instances) {
        return of(id, java.util.List.of(instances));
    }

    public LwM2mObjectInstance instance(int instanceId) {
        return instances.get(instanceId);
    }

    /** A copy with {@code instance} added or replaced. */
    public LwM2mObject with(LwM2mObjectInstance instance) {
        TreeMap<Integer, LwM2mObjectInstance> copy = Nodes.copyOf(instances);
        copy.put(instance.id(), instance);
        return new LwM2mObject(id, copy);
    }

    /** A copy without instance {@code instanceId}. */
    public LwM2mObject without(int instanceId) {
        TreeMap<Integer, LwM2mObjectInstance> copy = Nodes.copyOf(instances);
        copy.remove(instanceId);
        return new LwM2mObject(id, copy);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public String toString() {
        return "Object " + id + " " + instances.values();
    }
}
