package org.gatehouse.lwm2m.codec.impl;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonGenerator;
import org.gatehouse.lwm2m.model.Value;

/** Writes one value under the SenML label its type calls for. */
final class SenmlValues {
    private SenmlValues() {
    }

    static void write(JsonGenerator g, SenmlKeys keys, Value v) throws IOException {
        switch (v.type()) {
            case INTEGER, TIME -> {
                keys.writeKey(g, SenmlKeys.V);
                g.writeNumber(v.asLong());
            }
            case UNSIGNED_INTEGER -> {
                keys.writeKey(g, SenmlKeys.V);
                if (v.asLong() >= 0) {
                    g.writeNumber(v.asLong());
                } else {
                    g.writeNumber(new BigInteger(Long.toUnsignedString(v.asLong())));
                }
            }
            case FLOAT -> {
                keys.writeKey(g, SenmlKeys.V);
                g.writeNumber(v.asDouble());
            }
            case STRING, CORELNK -> {
                keys.writeKey(g, SenmlKeys.VS);
                g.writeString(v.asString());
            }
            case BOOLEAN -> {
                keys.writeKey(g, SenmlKeys.VB);
                g.writeBoolean(v.asBoolean());
            }
            case OPAQUE -> {
                keys.writeKey(g, SenmlKeys.VD);
                if (keys == SenmlKeys.CBOR) {
                    g.writeBinary(v.asBytes());
                } else {
                    g.writeString(Base64.getUrlEncoder().withoutPadding().encodeToString(v.asBytes()));
                }
            }
            case OBJLNK -> {
                keys.writeKey(g, SenmlKeys.VLO);
                g.writeString(v.asObjectLink().toString());
            }
            default -> throw new IllegalArgumentException("executable resources carry no value");
        }
    }
}
