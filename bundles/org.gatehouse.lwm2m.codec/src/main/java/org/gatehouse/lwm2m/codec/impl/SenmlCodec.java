package org.gatehouse.lwm2m.codec.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.InvalidPathException;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;

/**
 * SenML (RFC 8428) as LwM2M 1.1 uses it, in JSON or CBOR through Jackson's streaming API. The first
 * record carries the request path as base name; names are relative to it.
 */
abstract class SenmlCodec implements ContentCodec {

    private final JsonFactory factory;
    private final SenmlKeys keys;

    SenmlCodec(JsonFactory factory, SenmlKeys keys) {
        this.factory = factory;
        this.keys = keys;
    }

    @Override
    public boolean canEncode(LwM2mPath path, LwM2mNode node) {
        return !path.isRoot();
    }

    @Override
    public byte[] encode(LwM2mPath path, LwM2mNode node, ModelLookup models) throws CodecException {
        List<Leaf> leaves = Leaves.of(path, node);
        String base = path.depth() >= 3 && leaves.size() == 1 && leaves.get(0).path().equals(path)
            ? path.toString() : path + "/";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartArray();
            boolean first = true;
            for (Leaf leaf : leaves) {
                g.writeStartObject();
                if (first) {
                    keys.writeKey(g, SenmlKeys.BN);
                    g.writeString(base);
                }
                String full = leaf.path().toString();
                String name = full.startsWith(base) ? full.substring(base.length()) : full;
                if (!name.isEmpty()) {
                    keys.writeKey(g, SenmlKeys.N);
                    g.writeString(name);
                }
                SenmlValues.write(g, keys, leaf.value());
                g.writeEndObject();
                first = false;
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new CodecException(format().name() + ": cannot encode " + path + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) throws CodecException {
        NodeAssembler assembler = new NodeAssembler(format().name(), path, models);
        records(payload, assembler::add);
        return assembler.build();
    }

    @Override
    public List<LwM2mObject> decodeObjects(byte[] payload, ModelLookup models) throws CodecException {
        java.util.TreeMap<Integer, NodeAssembler> byObject = new java.util.TreeMap<>();
        String fmt = format().name();
        records(payload, (index, path, value) -> {
            if (path.isRoot()) {
                throw new CodecException(fmt + ": record " + index + " has no object path");
            }
            NodeAssembler a = byObject.get(path.objectId());
            if (a == null) {
                a = new NodeAssembler(fmt, LwM2mPath.of(path.objectId()), models);
                byObject.put(path.objectId(), a);
            }
            a.add(index, path, value);
        });
        List<LwM2mObject> objects = new java.util.ArrayList<>();
        for (NodeAssembler a : byObject.values()) {
            objects.add((LwM2mObject) a.build());
        }
        return objects;
    }

    private interface RecordSink {
        void add(int index, LwM2mPath path, RawValue value) throws CodecException;
    }

    private void records(byte[] payload, RecordSink sink) throws CodecException {
        String fmt = format().name();
        Parsers.parse(factory, payload, fmt, p -> {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new CodecException(fmt + ": at byte 0: payload must be an array of records");
            }
            String baseName = "";
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw new CodecException(fmt + ": record " + index + " (at byte " + Parsers.offset(p) + ") is not an object");
                }
                SenmlRecord r = SenmlRecord.read(p, keys, fmt, index);
                if (r.baseName() != null) {
                    baseName = r.baseName();
                }
                String name = baseName + (r.name() == null ? "" : r.name());
                if (r.value() == null) {
                    throw new CodecException(fmt + ": record " + index + " (" + name + ") has no value");
                }
                sink.add(index, parsePath(name, fmt, index), r.value());
                index++;
            }
            if (p.nextToken() != null) {
                throw new CodecException(fmt + ": at byte " + Parsers.offset(p) + ": data after the end of the record array");
            }
            return null;
        });
    }

    private static LwM2mPath parsePath(String name, String fmt, int index) throws CodecException {
        try {
            return LwM2mPath.parse(name);
        } catch (InvalidPathException e) {
            throw new CodecException(fmt + ": record " + index + ": " + e.getMessage(), e);
        }
    }
}
