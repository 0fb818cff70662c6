package org.gatehouse.lwm2m.codec.impl;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ResourceInstance;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/** Base of the formats that carry one value of a single resource or of a resource instance. */
abstract class SingleValueCodec implements ContentCodec {

    @Override
    public boolean canEncode(LwM2mPath path, LwM2mNode node) {
        Value v = value(node);
        return v != null && accepts(v.type());
    }

    boolean accepts(ResourceType type) {
        return type != ResourceType.NONE;
    }

    @Override
    public byte[] encode(LwM2mPath path, LwM2mNode node, ModelLookup models) throws CodecException {
        Value v = value(node);
        if (v == null || !accepts(v.type())) {
            throw new CodecException(format().name() + ": can only carry one value, not " + node + " at " + path);
        }
        return encodeValue(v);
    }

    @Override
    public LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) throws CodecException {
        String fmt = format().name();
        if (path.depth() < 3) {
            throw new CodecException(fmt + ": can only carry one resource value, the path " + path + " is not a resource");
        }
        ResourceModel model = Schema.resource(models, path.objectId(), path.resourceId()).orElse(null);
        ResourceType type = model != null ? model.type() : defaultType();
        if (model != null && model.multiple() && path.isResource()) {
            throw new CodecException(fmt + ": " + path + " is a multiple resource; address one instance");
        }
        if (model != null && !model.multiple() && path.isResourceInstance()) {
            throw new CodecException(fmt + ": " + path + " addresses an instance of a single resource");
        }
        if (!accepts(type)) {
            throw new CodecException(fmt + ": cannot carry a " + type + " value (" + path + ")");
        }
        Value v = decodeValue(payload, type, path.toString());
        return path.isResource() ? SingleResource.of(path.resourceId(), v) : new ResourceInstance(path.resourceInstanceId(), v);
    }

    ResourceType defaultType() {
        return ResourceType.STRING;
    }

    abstract byte[] encodeValue(Value v) throws CodecException;

    /** Decodes the value; {@code where} is the path, which messages give after the format's name. */
    abstract Value decodeValue(byte[] payload, ResourceType type, String where) throws CodecException;

    private static Value value(LwM2mNode node) {
        if (node instanceof SingleResource s) {
            return s.value();
        } else if (node instanceof ResourceInstance ri) {
            return ri.value();
        }
        return null;
    }
}
