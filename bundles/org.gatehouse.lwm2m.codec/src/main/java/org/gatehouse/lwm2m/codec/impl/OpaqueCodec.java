package org.gatehouse.lwm2m.codec.impl;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.Value;
import org.osgi.service.component.annotations.Component;

/** Opaque (42): the raw bytes of one opaque resource. */
@Component(service = ContentCodec.class, property = ContentCodec.CONTENT_FORMAT + ":Integer=42")
public final class OpaqueCodec extends SingleValueCodec {

    @Override
    public ContentFormat format() {
        return ContentFormat.OPAQUE;
    }

    @Override
    boolean accepts(ResourceType type) {
        return type == ResourceType.OPAQUE;
    }

    @Override
    ResourceType defaultType() {
        return ResourceType.OPAQUE;
    }

    @Override
    byte[] encodeValue(Value v) {
        return v.asBytes();
    }

    @Override
    Value decodeValue(byte[] payload, ResourceType type, String where) throws CodecException {
        return Value.opaque(payload);
    }
}
