package org.gatehouse.lwm2m.codec.impl;

import java.io.IOException;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.InvalidPathException;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ResourceType;
import org.osgi.service.component.annotations.Component;

/**
 * LwM2M JSON (11543), the 1.0 format: decode only. {"bn":..., "e":[{"n":..., "v"|"sv"|"bv"|"ov":...}]};
 * opaque values arrive base64 in "sv".
 */
@Component(service = ContentCodec.class, property = ContentCodec.CONTENT_FORMAT + ":Integer=11543")
public final class LwM2mJsonCodec implements ContentCodec {

    @Override
    public ContentFormat format() {
        return ContentFormat.JSON;
    }

    @Override
    public boolean canEncode(LwM2mPath path, LwM2mNode node) {
        return false;
    }

    @Override
    public byte[] encode(LwM2mPath path, LwM2mNode node, ModelLookup models) throws CodecException {
        throw new CodecException("JSON: LwM2M JSON (11543) is accepted for decoding only; encode with SenML JSON (110)");
    }

    @Override
    public LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) throws CodecException {
        NodeAssembler assembler = new NodeAssembler("JSON", path, models);
        Parsers.parse(Parsers.JSON, payload, "JSON", p -> {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CodecException("JSON: at byte 0: payload must be an object");
            }
            String bn = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("bn")) {
                    bn = TokenValues.text(p, t, "JSON: 'bn'");
                } else if (field.equals("e")) {
                    if (t != JsonToken.START_ARRAY) {
                        throw TokenValues.error(p, "JSON: 'e'", "must be an array, found " + t);
                    }
                    entries(p, bn, models, assembler);
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new CodecException("JSON: at byte " + Parsers.offset(p) + ": data after the end of the object");
            }
            return null;
        });
        return assembler.build();
    }

    private static void entries(JsonParser p, String bn, ModelLookup models, NodeAssembler out) throws IOException, CodecException {
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw TokenValues.error(p, "JSON: entry " + index, "is not an object");
            }
            String n = "";
            RawValue raw = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken vt = p.nextToken();
                String where = "JSON: entry " + index + ": '" + field + "'";
                RawValue v = switch (field) {
                    case "n" -> {
                        n = TokenValues.text(p, vt, where);
                        yield null;
                    }
                    case "v" -> TokenValues.number(p, vt, where);
                    case "sv" -> new RawValue(RawValue.Kind.STRING, TokenValues.text(p, vt, where));
                    case "bv" -> new RawValue(RawValue.Kind.BOOLEAN, TokenValues.bool(p, vt, where));
                    case "ov" -> new RawValue(RawValue.Kind.OBJLNK, TokenValues.text(p, vt, where));
                    default -> {
                        p.skipChildren();
                        yield null;
                    }
                };
                if (v != null && raw != null) {
                    throw new CodecException("JSON: entry " + index + " holds more than one value");
                }
                raw = v != null ? v : raw;
            }
            add(index++, bn + n, raw, models, out);
        }
    }

    private static void add(int index, String name, RawValue raw, ModelLookup models, NodeAssembler out) throws CodecException {
        if (raw == null) {
            throw new CodecException("JSON: entry " + index + " (" + name + ") has no value");
        }
        LwM2mPath path;
        try {
            path = LwM2mPath.parse(name);
        } catch (InvalidPathException e) {
            throw new CodecException("JSON: entry " + index + ": " + e.getMessage(), e);
        }
        // 1.0 clients send opaque values as base64 in "sv"; only the model can tell
        boolean opaque = path.depth() >= 3 && Schema.resource(models, path.objectId(), path.resourceId())
            .map(m -> m.type() == ResourceType.OPAQUE).orElse(false);
        if (opaque && raw.kind() == RawValue.Kind.STRING) {
            try {
                raw = new RawValue(RawValue.Kind.BYTES, Base64.getDecoder().decode((String) raw.data()));
            } catch (IllegalArgumentException e) {
                throw new CodecException("JSON: entry " + index + " (" + path + "): opaque value is not base64: " + e.getMessage(), e);
            }
        }
        out.add(index, path, raw);
    }
}
