package org.gatehouse.lwm2m.codec.impl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

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
    // Our encoder writes a double in plain notation: up to about 330 characters (4.9E-324). Longer numbers
    // are refused before parsing, whose cost grows faster than their length.
    private static final int MAX_NUMBER_LENGTH = 1000;
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    // Decimal only: Double.parseDouble would also take "NaN", "0x1p3" and "1.5f"
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

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
        String at = "TEXT: " + where;
        String raw = Utf8.decode(payload, at);
        String text = raw.trim();
        try {
            return switch (type) {
                case STRING -> Value.string(raw);
                case CORELNK -> Value.corelnk(raw);
                case INTEGER -> Value.integer(integer(text, type, at));
                case TIME -> CheckedValues.time(integer(text, type, at), () -> at);
                case UNSIGNED_INTEGER -> Value.unsigned(unsigned(text, at));
                case FLOAT -> CheckedValues.floating(Double.parseDouble(number(text, DECIMAL, type, at)), () -> at);
                case BOOLEAN -> bool(text, at);
                case OPAQUE -> Value.opaque(Base64.getDecoder().decode(text));
                case OBJLNK -> Value.objlnk(ObjectLink.parse(text));
                default -> throw new CodecException(at + ": executable resources carry no value");
            };
        } catch (IllegalArgumentException e) {
            throw new CodecException(at + ": '" + abbreviate(text) + "' is not a valid " + type + " (" + e.getMessage() + ")", e);
        }
    }

    private static long integer(String text, ResourceType type, String at) throws CodecException {
        try {
            return Long.parseLong(number(text, INTEGER, type, at));
        } catch (NumberFormatException e) {
            throw new CodecException(at + ": " + abbreviate(text) + " is out of the 64-bit integer range", e);
        }
    }

    private static long unsigned(String text, String at) throws CodecException {
        BigInteger i = new BigInteger(number(text, INTEGER, ResourceType.UNSIGNED_INTEGER, at));
        if (i.signum() < 0 || i.compareTo(MAX_UNSIGNED) > 0) {
            throw new CodecException(at + ": " + abbreviate(text) + " is out of the unsigned 64-bit range");
        }
        return i.longValue();
    }

    private static String number(String text, Pattern syntax, ResourceType type, String at) throws CodecException {
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw new CodecException(at + ": a number of " + text.length() + " characters is too long (at most " + MAX_NUMBER_LENGTH + ")");
        }
        if (!syntax.matcher(text).matches()) {
            throw new CodecException(at + ": '" + abbreviate(text) + "' is not a valid " + type);
        }
        return text;
    }

    private static Value bool(String text, String at) throws CodecException {
        return switch (text) {
            case "1" -> Value.bool(true);
            case "0" -> Value.bool(false);
            default -> throw new CodecException(at + ": boolean must be 0 or 1, not '" + abbreviate(text) + "'");
        };
    }

    private static String abbreviate(String text) {
        return TokenValues.abbreviate(text);
    }
}
