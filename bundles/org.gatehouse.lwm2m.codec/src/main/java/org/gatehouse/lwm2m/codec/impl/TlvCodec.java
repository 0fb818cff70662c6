package org.gatehouse.lwm2m.codec.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.ResourceInstance;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.osgi.service.component.annotations.Component;

/**
 * OMA TLV (11542). An object is a list of instance TLVs; an instance is its resources without a
 * wrapper (a wrapper with the right id is accepted too); a resource is one resource or
 * multiple-resource TLV.
 */
@Component(service = ContentCodec.class, property = ContentCodec.CONTENT_FORMAT + ":Integer=11542")
public final class TlvCodec implements ContentCodec {

    @Override
    public ContentFormat format() {
        return ContentFormat.TLV;
    }

    @Override
    public boolean canEncode(LwM2mPath path, LwM2mNode node) {
        return !path.isRoot();
    }

    @Override
    public byte[] encode(LwM2mPath path, LwM2mNode node, ModelLookup models) throws CodecException {
        return TlvEncoder.encode(node);
    }

    @Override
    public LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) throws CodecException {
        List<TlvEntry> entries = TlvReader.read(payload);
        // one model lookup per payload, not one per resource
        ObjectModel model = path.isRoot() ? null : models.find(path.objectId()).orElse(null);
        switch (path.depth()) {
            case 1:
                List<LwM2mObjectInstance> instances = new ArrayList<>();
                for (TlvEntry e : entries) {
                    expect(e, TlvEntry.Kind.OBJECT_INSTANCE, "an object path expects object instances");
                    instances.add(instance(path.objectId(), e.id(), e.children(), model));
                }
                return unique(() -> LwM2mObject.of(path.objectId(), instances), entries, "object instance");
            case 2:
                if (entries.size() == 1 && entries.get(0).kind() == TlvEntry.Kind.OBJECT_INSTANCE) {
                    TlvEntry e = entries.get(0);
                    if (e.id() != path.instanceId()) {
                        throw new CodecException("TLV: at byte 0: instance " + e.id() + " does not match path " + path);
                    }
                    return instance(path.objectId(), e.id(), e.children(), model);
                }
                return instance(path.objectId(), path.instanceId(), entries, model);
            case 3:
                single(entries, "a resource path expects one resource TLV");
                TlvEntry e = entries.get(0);
                if (e.id() != path.resourceId() || e.kind() == TlvEntry.Kind.OBJECT_INSTANCE || e.kind() == TlvEntry.Kind.RESOURCE_INSTANCE) {
                    throw new CodecException("TLV: at byte 0: " + e.kind() + " " + e.id() + " does not match resource path " + path);
                }
                return resource(path.objectId(), e, model);
            case 4:
                single(entries, "a resource instance path expects one resource instance TLV");
                if (entries.get(0).kind() != TlvEntry.Kind.RESOURCE_INSTANCE || entries.get(0).id() != path.resourceInstanceId()) {
                    throw new CodecException("TLV: at byte 0: " + entries.get(0).kind() + " " + entries.get(0).id()
                        + " does not match resource instance path " + path);
                }
                ResourceType type = Schema.typeOf(models, path);
                return new ResourceInstance(path.resourceInstanceId(), TlvValues.decode(type, entries.get(0).data(), entries.get(0).start(), entries.get(0).length(), () -> "at byte 0, " + path));
            default:
                throw new CodecException("TLV: cannot decode a payload for the root path");
        }
    }

    private static LwM2mObjectInstance instance(int objectId, int instanceId, List<TlvEntry> entries, ObjectModel object)
            throws CodecException {
        List<LwM2mResource> resources = new ArrayList<>(entries.size());
        for (TlvEntry e : entries) {
            if (e.kind() != TlvEntry.Kind.RESOURCE && e.kind() != TlvEntry.Kind.MULTIPLE_RESOURCE) {
                throw new CodecException("TLV: at byte " + e.offset() + ": " + e.kind() + " " + e.id() + " where a resource was expected");
            }
            resources.add(resource(objectId, e, object));
        }
        return unique(() -> LwM2mObjectInstance.of(instanceId, resources), entries, "resource");
    }

    private static LwM2mResource resource(int objectId, TlvEntry e, ObjectModel object) throws CodecException {
        ResourceModel model = object == null ? null : object.resource(e.id());
        ResourceType type = model == null ? ResourceType.OPAQUE : model.type();
        java.util.function.Supplier<String> where = () -> "at byte " + e.offset() + ", resource " + objectId + "/*/" + e.id();
        if (e.kind() == TlvEntry.Kind.RESOURCE) {
            if (model != null && model.multiple()) {
                throw new CodecException("TLV: " + where.get() + " is a multiple resource but the TLV holds a single value");
            }
            return SingleResource.of(e.id(), TlvValues.decode(type, e.data(), e.start(), e.length(), where));
        }
        if (model != null && !model.multiple()) {
            throw new CodecException("TLV: " + where.get() + " is a single resource but the TLV holds several instances");
        }
        TreeMap<Integer, Value> values = new TreeMap<>();
        for (TlvEntry ri : e.children()) {
            if (values.put(ri.id(), TlvValues.decode(type, ri.data(), ri.start(), ri.length(), () -> "at byte " + ri.offset() + ", instance " + ri.id() + " of resource " + objectId + "/*/" + e.id())) != null) {
                throw new CodecException("TLV: at byte " + ri.offset() + ": duplicate resource instance " + ri.id());
            }
        }
        return new MultipleResource(e.id(), type, values);
    }

    private static void expect(TlvEntry e, TlvEntry.Kind kind, String message) throws CodecException {
        if (e.kind() != kind) {
            throw new CodecException("TLV: at byte " + e.offset() + ": " + message + ", found " + e.kind() + " " + e.id());
        }
    }

    private interface Build<T> {
        T get();
    }

    private static void single(List<TlvEntry> entries, String expected) throws CodecException {
        if (entries.isEmpty()) {
            throw new CodecException("TLV: at byte 0: " + expected + ", the payload is empty");
        }
        if (entries.size() > 1) {
            throw new CodecException("TLV: at byte " + entries.get(1).offset() + ": " + expected + ", found " + entries.size());
        }
    }

    /** Builds a node whose constructor refuses duplicate ids, and names the byte offset of the repeated one. */
    private static <T> T unique(Build<T> build, List<TlvEntry> entries, String what) throws CodecException {
        try {
            return build.get();
        } catch (IllegalArgumentException ex) {
            // the error path only: a set of ids on every decode would cost more than the check itself
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (TlvEntry e : entries) {
                if (!seen.add(e.id())) {
                    throw new CodecException("TLV: at byte " + e.offset() + ": " + what + " " + e.id() + " is given twice", ex);
                }
            }
            throw new CodecException("TLV: " + what + ": " + ex.getMessage(), ex);
        }
    }
}
