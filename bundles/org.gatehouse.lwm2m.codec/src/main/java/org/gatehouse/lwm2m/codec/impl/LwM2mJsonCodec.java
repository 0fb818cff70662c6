package org.gatehouse.lwm2m.codec.impl;

import java.io.IOException;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.InvalidPathException;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.osgi.service.component.annotations.Component;

/**
 * LwM2M JSON (11543), the 1.0 format: decode only. {"bn":..., "e":[{"n":..., "v"|"sv"|"bv"|"ov":...}]};
 * opaque values arrive base64 in "sv".
 */
@Component(service = ContentCodec.class, property = ContentCodec.CONTENT_FORMAT + ":Integer=11543")
public final class LwM2mJsonCodec implements ContentCodec {

    private static final JsonFactory FACTORY = new JsonFactory();

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
        try (JsonParser p = FACTORY.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CodecException("JSON: payload must be an object");
            }
            String bn = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("bn") && t == JsonToken.VALUE_STRING) {
                    bn = p.getText();
                } else if (field.equals("e") && t == JsonToken.START_ARRAY) {
                    entries(p, bn, path, models, assembler);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new CodecException("JSON: malformed payload: " + e.getMessage(), e);
        }
        return assembler.build();
    }

    private static void entries(JsonParser p, String bn, LwM2mPath target, ModelLookup models, NodeAssembler out)
            throws IOException, CodecException {
        int index = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String n = "";
            RawValue raw = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "n" -> n = p.getText();
                    case "v" -> raw = new RawValue(RawValue.Kind.NUMBER, t == JsonToken.VALUE_NUMBER_INT ? p.getBigIntegerValue() : p.getDoubleValue());
                    case "sv" -> raw = new RawValue(RawValue.Kind.STRING, p.getText());
                    case "bv" -> raw = new RawValue(RawValue.Kind.BOOLEAN, t == JsonToken.VALUE_TRUE);
                    case "ov" -> raw = new RawValue(RawValue.Kind.OBJLNK, p.getText());
                    default -> p.skipChildren();
                }
            }
            if (raw == null) {
                throw new CodecException("JSON: entry " + index + " (" + bn + n + ") has no value");
            }
            LwM2mPath path;
            try {
                path = LwM2mPath.parse(bn + n);
            } catch (InvalidPathException e) {
                throw new CodecException("JSON: entry " + index + ": " + e.getMessage(), e);
            }
            boolean opaque = Schema.resource(models, path.objectId(), path.resourceId())
                .map(m -> m.type() == org.gatehouse.lwm2m.model.ResourceType.OPAQUE).orElse(false);
            if (opaque && raw.kind() == RawValue.Kind.STRING) {
                try {
                    raw = new RawValue(RawValue.Kind.BYTES, Base64.getDecoder().decode((String) raw.data()));
                } catch (IllegalArgumentException e) {
                    throw new CodecException("JSON: entry " + index + " (" + path + "): opaque value is not base64", e);
                }
            }
            out.add(index++, path, raw);
        }
    }
}
