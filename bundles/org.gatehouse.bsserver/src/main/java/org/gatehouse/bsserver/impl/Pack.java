package org.gatehouse.bsserver.impl;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;

/**
 * The Bootstrap-Pack (LwM2M 1.2, GET /bspack): every configured object in one SenML pack. Each object
 * is encoded on its own (its records carry their base name) and the record arrays are joined.
 */
final class Pack {

    private Pack() {
    }

    static byte[] of(EndpointConfig config, ContentCodec codec, ModelLookup models) throws CodecException {
        Map<Integer, List<LwM2mObjectInstance>> objects = new TreeMap<>();
        for (EndpointConfig.Write w : config.writes()) {
            objects.computeIfAbsent(w.path().objectId(), k -> new ArrayList<>()).add(w.instance());
        }
        List<byte[]> arrays = new ArrayList<>();
        for (Map.Entry<Integer, List<LwM2mObjectInstance>> e : objects.entrySet()) {
            arrays.add(codec.encode(LwM2mPath.of(e.getKey()), LwM2mObject.of(e.getKey(), e.getValue()), models));
        }
        if (codec.format().equals(ContentFormat.SENML_JSON)) {
            return joinJson(arrays);
        } else if (codec.format().equals(ContentFormat.SENML_CBOR)) {
            return joinCbor(arrays);
        }
        throw new CodecException("a Bootstrap-Pack is SenML JSON or SenML CBOR, not " + codec.format());
    }

    private static byte[] joinJson(List<byte[]> arrays) {
        StringBuilder b = new StringBuilder("[");
        for (byte[] a : arrays) {
            String s = new String(a, java.nio.charset.StandardCharsets.UTF_8).trim();
            String inner = s.substring(1, s.length() - 1).trim();
            if (!inner.isEmpty()) {
                b.append(b.length() > 1 ? "," : "").append(inner);
            }
        }
        return b.append(']').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One indefinite-length CBOR array holding the items of every array given. */
    private static byte[] joinCbor(List<byte[]> arrays) throws CodecException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x9f);
        for (byte[] a : arrays) {
            int start;
            int end = a.length;
            int head = a[0] & 0xff;
            if (head == 0x9f) {
                start = 1;
                end = a.length - 1; // the 0xff break
            } else if (head >= 0x80 && head <= 0x97) {
                start = 1;
            } else if (head == 0x98) {
                start = 2;
            } else if (head == 0x99) {
                start = 3;
            } else if (head == 0x9a) {
                start = 5;
            } else {
                throw new CodecException("SENML_CBOR: the encoder gave no array (first byte " + Integer.toHexString(head) + ")");
            }
            out.write(a, start, end - start);
        }
        out.write(0xff);
        return out.toByteArray();
    }
}
