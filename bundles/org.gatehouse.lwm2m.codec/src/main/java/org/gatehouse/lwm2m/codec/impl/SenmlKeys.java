package org.gatehouse.lwm2m.codec.impl;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

/** SenML labels: text in JSON, integers in CBOR (RFC 8428 table 6); "vlo" is text in both. */
enum SenmlKeys {
    JSON, CBOR;

    static final String BN = "bn";
    static final String N = "n";
    static final String V = "v";
    static final String VS = "vs";
    static final String VB = "vb";
    static final String VD = "vd";
    static final String VLO = "vlo";
    static final String BV = "bv";

    void writeKey(JsonGenerator g, String label) throws IOException {
        if (this == CBOR && !label.equals(VLO)) {
            ((CBORGenerator) g).writeFieldId(cborLabel(label));
        } else {
            g.writeFieldName(label);
        }
    }

    /** The text label for a key as the parser reports it (CBOR integer keys arrive as decimal text). */
    String label(String key) {
        if (this == JSON) {
            return key;
        }
        return switch (key) {
            case "-2" -> BN;
            case "0" -> N;
            case "2" -> V;
            case "3" -> VS;
            case "4" -> VB;
            case "8" -> VD;
            case "-5" -> BV;
            default -> key;
        };
    }

    private static int cborLabel(String label) {
        return switch (label) {
            case BN -> -2;
            case N -> 0;
            case V -> 2;
            case VS -> 3;
            case VB -> 4;
            case VD -> 8;
            default -> throw new IllegalArgumentException(label);
        };
    }
}
