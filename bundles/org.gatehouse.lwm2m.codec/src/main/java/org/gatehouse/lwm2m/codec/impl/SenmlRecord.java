package org.gatehouse.lwm2m.codec.impl;

import java.io.IOException;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.gatehouse.lwm2m.codec.CodecException;

/** One SenML record as read: base name, name and at most one value; other fields are skipped. */
record SenmlRecord(String baseName, String name, RawValue value) {

    static SenmlRecord read(JsonParser p, SenmlKeys keys, String fmt, int index) throws IOException, CodecException {
        String bn = null;
        String n = null;
        RawValue value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String label = keys.label(p.currentName());
            JsonToken t = p.nextToken();
            String where = fmt + ": record " + index + ": '" + label + "'";
            RawValue v = null;
            switch (label) {
                case SenmlKeys.BN -> bn = TokenValues.text(p, t, where);
                case SenmlKeys.N -> n = TokenValues.text(p, t, where);
                case SenmlKeys.V -> v = TokenValues.number(p, t, where);
                case SenmlKeys.VS -> v = new RawValue(RawValue.Kind.STRING, TokenValues.text(p, t, where));
                case SenmlKeys.VB -> v = new RawValue(RawValue.Kind.BOOLEAN, TokenValues.bool(p, t, where));
                case SenmlKeys.VD -> v = new RawValue(RawValue.Kind.BYTES, bytes(p, t, keys, where));
                case SenmlKeys.VLO -> v = new RawValue(RawValue.Kind.OBJLNK, TokenValues.text(p, t, where));
                case SenmlKeys.BV -> throw new CodecException(where + ": base values are not supported");
                default -> p.skipChildren();
            }
            if (v != null) {
                if (value != null) {
                    throw new CodecException(fmt + ": record " + index + " holds more than one value");
                }
                value = v;
            }
        }
        return new SenmlRecord(bn, n, value);
    }

    private static byte[] bytes(JsonParser p, JsonToken t, SenmlKeys keys, String where) throws IOException, CodecException {
        if (keys == SenmlKeys.CBOR && t == JsonToken.VALUE_EMBEDDED_OBJECT) {
            return TokenValues.bytes(p, t, where);
        }
        String text = TokenValues.text(p, t, where);
        try {
            // RFC 8428 asks for base64url without padding; accept the standard alphabet and padding too.
            String url = text.replace('+', '-').replace('/', '_').replace("=", "");
            return Base64.getUrlDecoder().decode(url);
        } catch (IllegalArgumentException e) {
            throw new CodecException(TokenValues.at(p, where) + " is not base64: " + e.getMessage(), e);
        }
    }
}
