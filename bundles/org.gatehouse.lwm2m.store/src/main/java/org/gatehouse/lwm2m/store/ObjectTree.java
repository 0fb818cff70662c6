package org.gatehouse.lwm2m.store;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ResourceInstance;

/**
 * An immutable object tree with copy-on-write updates.
 *
 * @since 1.0.0
 */
public record ObjectTree(long revision, SortedMap<Integer, LwM2mObject> objects) {

    public static final ObjectTree EMPTY = new ObjectTree(0, new TreeMap<>());

    public ObjectTree {
        objects = Collections.unmodifiableSortedMap(new TreeMap<>(objects));
    }

    public Optional<LwM2mNode> read(LwM2mPath path) {
        if (path.isRoot()) {
            return Optional.empty();
        }
        LwM2mObject o = objects.get(path.objectId());
        if (o == null || path.isObject()) {
            return Optional.ofNullable(o);
        }
        LwM2mObjectInstance i = o.instance(path.instanceId());
        if (i == null || path.isObjectInstance()) {
            return Optional.ofNullable(i);
        }
        LwM2mResource r = i.resource(path.resourceId());
        if (r == null || path.isResource()) {
            return Optional.ofNullable(r);
        }
        if (r instanceof MultipleResource m && m.value(path.resourceInstanceId()) != null) {
            return Optional.of(new ResourceInstance(path.resourceInstanceId(), m.value(path.resourceInstanceId())));
        }
        return Optional.empty();
    }

    /** A copy with {@code node} at {@code path}, creating the object or instance above it if needed. */
    public ObjectTree with(LwM2mPath path, LwM2mNode node) {
        if (path.isRoot() || node.id() != lastId(path)) {
            throw new IllegalArgumentException("node " + node.id() + " cannot be written at " + path);
        }
        if (path.isObject()) {
            return put((LwM2mObject) node);
        }
        LwM2mObject o = objects.getOrDefault(path.objectId(), LwM2mObject.of(path.objectId()));
        if (path.isObjectInstance()) {
            return put(o.with((LwM2mObjectInstance) node));
        }
        LwM2mObjectInstance i = Optional.ofNullable(o.instance(path.instanceId())).orElse(LwM2mObjectInstance.of(path.instanceId()));
        if (path.isResource()) {
            return put(o.with(i.with((LwM2mResource) node)));
        }
        ResourceInstance ri = (ResourceInstance) node;
        LwM2mResource r = i.resource(path.resourceId());
        TreeMap<Integer, org.gatehouse.lwm2m.model.Value> values = new TreeMap<>();
        if (r instanceof MultipleResource m) {
            values.putAll(m.values());
        } else if (r != null) {
            throw new IllegalArgumentException(path + ": resource " + path.resourceId() + " is single-valued");
        }
        values.put(ri.id(), ri.value());
        return put(o.with(i.with(new MultipleResource(path.resourceId(), ri.value().type(), values))));
    }

    /** A copy without the node at {@code path}; "/" empties the tree. */
    public ObjectTree without(LwM2mPath path) {
        if (path.isRoot()) {
            return new ObjectTree(revision, new TreeMap<>());
        }
        LwM2mObject o = objects.get(path.objectId());
        if (o == null) {
            return this;
        }
        if (path.isObject()) {
            TreeMap<Integer, LwM2mObject> copy = new TreeMap<>(objects);
            copy.remove(path.objectId());
            return new ObjectTree(revision, copy);
        }
        LwM2mObjectInstance i = o.instance(path.instanceId());
        if (i == null) {
            return this;
        }
        if (path.isObjectInstance()) {
            return put(o.without(path.instanceId()));
        }
        LwM2mResource r = i.resource(path.resourceId());
        if (r == null) {
            return this;
        }
        if (path.isResource()) {
            return put(o.with(i.without(path.resourceId())));
        }
        if (!(r instanceof MultipleResource m)) {
            return this;
        }
        TreeMap<Integer, org.gatehouse.lwm2m.model.Value> values = new TreeMap<>(m.values());
        values.remove(path.resourceInstanceId());
        return put(o.with(i.with(new MultipleResource(m.id(), m.type(), values))));
    }

    public ObjectTree withRevision(long newRevision) {
        return new ObjectTree(newRevision, objects);
    }

    private ObjectTree put(LwM2mObject o) {
        TreeMap<Integer, LwM2mObject> copy = new TreeMap<>(objects);
        copy.put(o.id(), o);
        return new ObjectTree(revision, copy);
    }

    private static int lastId(LwM2mPath p) {
        return switch (p.depth()) {
            case 1 -> p.objectId();
            case 2 -> p.instanceId();
            case 3 -> p.resourceId();
            default -> p.resourceInstanceId();
        };
    }
}
