package org.gatehouse.lwm2m.model;

import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An object instance with its resources, keyed and ordered by resource id.
 *
 * @since 1.0.0
 */
public record LwM2mObjectInstance(int id, SortedMap<Integer, LwM2mResource> resources) implements LwM2mNode {

    public LwM2mObjectInstance {
        LwM2mNode.checkId(id, "instance");
        resources = Nodes.sortedCopy(resources, "resource");
    }

    public static LwM2mObjectInstance of(int id, Collection<? extends LwM2mResource> resources) {
        return new LwM2mObjectInstance(id, Nodes.<LwM2mResource>byId(resources));
    }

    public static LwM2mObjectInstance of(int id, LwM2mResource... resources) {
        return of(id, List.of(resources));
    }

    public LwM2mResource resource(int resourceId) {
        return resources.get(resourceId);
    }

    /** A copy with {@code resource} added or replaced. */
    public LwM2mObjectInstance with(LwM2mResource resource) {
        TreeMap<Integer, LwM2mResource> copy = Nodes.copyOf(resources);
        copy.put(resource.id(), resource);
        return new LwM2mObjectInstance(id, copy);
    }

    /** A copy without resource {@code resourceId}. */
    public LwM2mObjectInstance without(int resourceId) {
        TreeMap<Integer, LwM2mResource> copy = Nodes.copyOf(resources);
        copy.remove(resourceId);
        return new LwM2mObjectInstance(id, copy);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public String toString() {
        return "Instance " + id + " " + resources.values();
    }
}
