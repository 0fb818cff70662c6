package org.gatehouse.lwm2m.codec.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.Value;
import org.osgi.service.component.annotations.Component;

/** CBOR (60): one data item for one value; time as an integer, with or without tag 1. */
@Component(service = ContentCodec.class, property = ContentCodec.CONTENT_FORMAT + ":Integer=60")
public final class CborCodec extends SingleValueCodec {

    @Override
    public ContentFormat format() {
        return ContentFormat.CBOR;
    }

    @Override
    byte[] encodeValue(Value v) throws CodecException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = Parsers.CBOR.createGenerator(out)) {
            switch (v.type()) {
                case INTEGER, TIME -> g.writeNumber(v.asLong());
                case UNSIGNED_INTEGER -> g.writeNumber(new BigInteger(Long.toUnsignedString(v.asLong())));
                case FLOAT -> g.writeNumber(v.asDouble());
                case BOOLEAN -> g.writeBoolean(v.asBoolean());
                case OPAQUE -> g.writeBinary(v.asBytes());
                case OBJLNK -> g.writeString(v.asObjectLink().toString());
                default -> g.writeString(v.asString());
            }
        } catch (IOException e) {
            throw new CodecException("CBOR: cannot encode " + v + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    Value decodeValue(byte[] payload, ResourceType type, String where) throws CodecException {
        String at = "CBOR: " + where;
        RawValue raw = Parsers.parse(Parsers.CBOR, payload, "CBOR", p -> {
            JsonToken t = p.nextToken();
            RawValue value = switch (t == null ? JsonToken.NOT_AVAILABLE : t) {
                case NOT_AVAILABLE -> throw new CodecException(at + ": empty payload");
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> TokenValues.number(p, t, at);
                case VALUE_STRING -> new RawValue(type == ResourceType.OBJLNK ? RawValue.Kind.OBJLNK : RawValue.Kind.STRING, TokenValues.text(p, t, at));
                case VALUE_TRUE, VALUE_FALSE -> new RawValue(RawValue.Kind.BOOLEAN, t == JsonToken.VALUE_TRUE);
                case VALUE_EMBEDDED_OBJECT -> new RawValue(RawValue.Kind.BYTES, TokenValues.bytes(p, t, at));
                default -> throw TokenValues.error(p, at, "expected one value, found " + t);
            };
            if (p.nextToken() != null) {
                throw TokenValues.error(p, at, "more than one data item");
            }
            return value;
        });
        return raw.toValue(type, "CBOR", where);
    }
}
