package org.gatehouse.lwm2m.codec.impl;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.gatehouse.lwm2m.codec.CodecException;

/**
 * Reads the value at the parser's current token as the type a field calls for, for SenML, LwM2M JSON
 * and CBOR alike. {@code where} names the format and the field; errors add the byte offset.
 */
final class TokenValues {

    private TokenValues() {
    }

    static RawValue number(JsonParser p, JsonToken t, String where) throws IOException, CodecException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return new RawValue(RawValue.Kind.NUMBER,
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue());
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (!Double.isFinite(d)) {
                // JSON has no NaN or infinity: there it is a number too large for a double, such as 1e999
                throw error(p, where, abbreviate(p.getText()) + " is not a finite number"
                    + (Double.isInfinite(d) ? " (beyond the range of a double)" : ""));
            }
            return new RawValue(RawValue.Kind.NUMBER, d);
        }
        throw error(p, where, "must be a number, found " + t);
    }

    static String text(JsonParser p, JsonToken t, String where) throws IOException, CodecException {
        if (t != JsonToken.VALUE_STRING) {
            throw error(p, where, "must be a string, found " + t);
        }
        String s = p.getText();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                // Jackson passes a surrogate written as UTF-8 (CBOR) or as an escape (JSON); no UTF-8 can carry it on
                throw error(p, where, "holds an unpaired surrogate U+" + Integer.toHexString(c).toUpperCase() + ", which is not text");
            }
        }
        return s;
    }

    static boolean bool(JsonParser p, JsonToken t, String where) throws CodecException {
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw error(p, where, "must be a boolean, found " + t);
        }
        return t == JsonToken.VALUE_TRUE;
    }

    /** A CBOR byte string. */
    static byte[] bytes(JsonParser p, JsonToken t, String where) throws IOException, CodecException {
        Object o = t == JsonToken.VALUE_EMBEDDED_OBJECT ? p.getEmbeddedObject() : null;
        if (!(o instanceof byte[] b)) {
            throw error(p, where, "must be a byte string, found " + (o != null ? o : t));
        }
        return b;
    }

    static CodecException error(JsonParser p, String where, String fault) {
        return new CodecException(at(p, where) + " " + fault);
    }

    /** {@code where} and the byte offset of the current token. */
    static String at(JsonParser p, String where) {
        return where + " (at byte " + Parsers.offset(p) + ")";
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
