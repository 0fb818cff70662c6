package org.gatehouse.lwm2m.codec.impl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.Value;
import org.osgi.service.component.annotations.Component;

/** Plain text (0): decimal numbers, booleans as 0/1, opaque as base64, object links as "o:i". */
@Component(service = ContentCodec.class, property = ContentCodec.CONTENT_FORMAT + ":Integer=0")
public final class TextCodec extends SingleValueCodec {

    private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Override
    public ContentFormat format() {
        return ContentFormat.TEXT;
    }

    @Override
    byte[] encodeValue(Value v) {
        String text = switch (v.type()) {
            case OPAQUE -> Base64.getEncoder().encodeToString(v.asBytes());
            case FLOAT -> BigDecimal.valueOf(v.asDouble()).toPlainString();
            default -> v.text();
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    Value decodeValue(byte[] payload, ResourceType type, String where) throws CodecException {
        String text = Utf8.decode(payload, "TEXT: " + where);
        try {
            return switch (type) {
                case STRING -> Value.string(text);
                case CORELNK -> Value.corelnk(text);
                case INTEGER -> Value.integer(Long.parseLong(text.trim()));
                case TIME -> Value.time(Long.parseLong(text.trim()));
                case UNSIGNED_INTEGER -> Value.unsigned(unsigned(text.trim(), where));
                case FLOAT -> Value.floating(finite(Double.parseDouble(text.trim()), where));
                case BOOLEAN -> bool(text.trim(), where);
                case OPAQUE -> Value.opaque(Base64.getDecoder().decode(text.trim()));
                case OBJLNK -> Value.objlnk(ObjectLink.parse(text.trim()));
                default -> throw new CodecException(where + ": executable resources carry no value");
            };
        } catch (IllegalArgumentException e) {
            throw new CodecException(where + ": '" + abbreviate(text) + "' is not a valid " + type + " (" + e.getMessage() + ")", e);
        }
    }

    private static long unsigned(String text, String where) throws CodecException {
        BigInteger i = new BigInteger(text);
        if (i.signum() < 0 || i.compareTo(MAX_UNSIGNED) > 0) {
            throw new CodecException(where + ": " + text + " is out of the unsigned 64-bit range");
        }
        return i.longValue();
    }

    private static double finite(double d, String where) throws CodecException {
        if (!Double.isFinite(d)) {
            throw new CodecException(where + ": float must be finite");
        }
        return d;
    }

    private static Value bool(String text, String where) throws CodecException {
        return switch (text) {
            case "1" -> Value.bool(true);
            case "0" -> Value.bool(false);
            default -> throw new CodecException(where + ": boolean must be 0 or 1, not '" + abbreviate(text) + "'");
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
