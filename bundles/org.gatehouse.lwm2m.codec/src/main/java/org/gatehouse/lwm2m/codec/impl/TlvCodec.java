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
        TlvReader.check(payload);
        // one model lookup per payload, not one per resource
        ObjectModel model = path.isRoot() ? null : models.find(path.objectId()).orElse(null);
        TlvCursor top = new TlvCursor(payload, 0, payload.length);
        switch (path.depth()) {
            case 1:
                TlvPlace place = new TlvPlace(path.objectId(), null);
                List<LwM2mObjectInstance> instances = new ArrayList<>();
                while (top.next()) {
                    if (top.kind != TlvKind.OBJECT_INSTANCE) {
                        throw new CodecException("TLV: at byte " + top.at + ": an object path expects object instances, found " + top.kind + " " + top.id);
                    }
                    instances.add(instance(top.id, top.children(), model, place));
                }
                try {
                    return LwM2mObject.of(path.objectId(), instances);
                } catch (IllegalArgumentException ex) {
                    throw refused(ex, new TlvCursor(payload, 0, payload.length), "object instance");
                }
            case 2:
                if (top.next() && top.kind == TlvKind.OBJECT_INSTANCE && top.last()) {
                    if (top.id != path.instanceId()) {
                        throw new CodecException("TLV: at byte 0: instance " + top.id + " does not match path " + path);
                    }
                    return instance(top.id, top.children(), model, new TlvPlace(path.objectId(), null));
                }
                return instance(path.instanceId(), new TlvCursor(payload, 0, payload.length), model, new TlvPlace(path.objectId(), null));
            case 3:
                single(top, "a resource path expects one resource TLV");
                if (top.id != path.resourceId() || top.kind == TlvKind.OBJECT_INSTANCE || top.kind == TlvKind.RESOURCE_INSTANCE) {
                    throw new CodecException("TLV: at byte 0: " + top.kind + " " + top.id + " does not match resource path " + path);
                }
                return resource(top, model, new TlvPlace(path.objectId(), null));
            case 4:
                single(top, "a resource instance path expects one resource instance TLV");
                if (top.kind != TlvKind.RESOURCE_INSTANCE || top.id != path.resourceInstanceId()) {
                    throw new CodecException("TLV: at byte 0: " + top.kind + " " + top.id + " does not match resource instance path " + path);
                }
                ResourceType type = Schema.typeOf(models, path);
                return new ResourceInstance(path.resourceInstanceId(), TlvValues.decode(type, payload, top.start, top.length, new TlvPlace(path.objectId(), path)));
            default:
                throw new CodecException("TLV: cannot decode a payload for the root path");
        }
    }

    /** The instance whose resources {@code entries} walks (a cursor at their start). */
    private static LwM2mObjectInstance instance(int instanceId, TlvCursor entries, ObjectModel object, TlvPlace place)
            throws CodecException {
        int start = entries.position();
        List<LwM2mResource> resources = new ArrayList<>();
        while (entries.next()) {
            if (entries.kind != TlvKind.RESOURCE && entries.kind != TlvKind.MULTIPLE_RESOURCE) {
                throw new CodecException("TLV: at byte " + entries.at + ": " + entries.kind + " " + entries.id + " where a resource was expected");
            }
            resources.add(resource(entries, object, place));
        }
        try {
            return LwM2mObjectInstance.of(instanceId, resources);
        } catch (IllegalArgumentException ex) {
            throw refused(ex, entries.rewind(start), "resource");
        }
    }

    /** The resource that {@code e} is at. */
    private static LwM2mResource resource(TlvCursor e, ObjectModel object, TlvPlace place) throws CodecException {
        ResourceModel model = object == null ? null : object.resource(e.id);
        ResourceType type = model == null ? ResourceType.OPAQUE : model.type();
        place.resource(e.at, e.id);
        if (e.kind == TlvKind.RESOURCE) {
            if (model != null && model.multiple()) {
                throw new CodecException("TLV: " + place.get() + " is a multiple resource but the TLV holds a single value");
            }
            return SingleResource.of(e.id, TlvValues.decode(type, e.data(), e.start, e.length, place));
        }
        if (model != null && !model.multiple()) {
            throw new CodecException("TLV: " + place.get() + " is a single resource but the TLV holds several instances");
        }
        TreeMap<Integer, Value> values = new TreeMap<>();
        for (TlvCursor ri = e.children(); ri.next(); ) {
            Value value = TlvValues.decode(type, ri.data(), ri.start, ri.length, place.instance(ri.at, ri.id));
            if (values.put(ri.id, value) != null) {
                throw new CodecException("TLV: at byte " + ri.at + ": duplicate resource instance " + ri.id);
            }
        }
        return new MultipleResource(e.id, type, values);
    }

    /** Moves {@code top} to the only TLV of the payload, or says there is none or more than one. */
    private static void single(TlvCursor top, String expected) throws CodecException {
        if (!top.next()) {
            throw new CodecException("TLV: at byte 0: " + expected + ", the payload is empty");
        }
        if (!top.last()) {
            int second = top.position();
            throw new CodecException("TLV: at byte " + second + ": " + expected + ", found " + (1 + top.remaining()));
        }
    }

    /**
     * Why a node's constructor refused the children decoded: the byte offset of a repeated id if there
     * is one, found by walking the TLVs again with {@code entries} (a cursor at their start).
     */
    private static CodecException refused(IllegalArgumentException ex, TlvCursor entries, String what) {
        // the error path only: a set of ids on every decode would cost more than the check itself
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        while (entries.next()) {
            if (!seen.add(entries.id)) {
                return new CodecException("TLV: at byte " + entries.at + ": " + what + " " + entries.id + " is given twice", ex);
            }
        }
        return new CodecException("TLV: " + what + ": " + ex.getMessage(), ex);
    }
}
