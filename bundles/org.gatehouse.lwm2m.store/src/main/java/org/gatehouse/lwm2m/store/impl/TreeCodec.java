package org.gatehouse.lwm2m.store.impl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;

/**
 * The store's own file format: a magic that names the version, revision, CRC-32 and length of the
 * body, then the tree with explicit types. Self-describing so that loading needs no object models.
 * Version 1 ("GHS1") holds the tree only; version 2 ("GHS2") adds each instance's writer after it.
 * Both are read; version 2 is written.
 */
final class TreeCodec {

    private static final int MAGIC_V1 = 0x47485331; // "GHS1"
    private static final int MAGIC_V2 = 0x47485332; // "GHS2"

    private TreeCodec() {
    }

    static byte[] write(StoreState state) throws IOException {
        ObjectTree tree = state.tree();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeInt(tree.objects().size());
        for (LwM2mObject o : tree.objects().values()) {
            out.writeShort(o.id());
            out.writeInt(o.instances().size());
            for (LwM2mObjectInstance i : o.instances().values()) {
                out.writeShort(i.id());
                out.writeInt(i.resources().size());
                for (LwM2mResource r : i.resources().values()) {
                    resource(out, r);
                }
            }
        }
        writers(out, state.writers());
        byte[] bytes = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(file);
        header.writeInt(MAGIC_V2);
        header.writeLong(tree.revision());
        header.writeLong(crc.getValue());
        header.writeInt(bytes.length);
        header.write(bytes);
        return file.toByteArray();
    }

    // Sorted, so that equal states give equal files.
    private static void writers(DataOutputStream out, Map<LwM2mPath, String> writers) throws IOException {
        List<Map.Entry<LwM2mPath, String>> sorted = new ArrayList<>(writers.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<LwM2mPath, String> e) -> e.getKey().objectId())
            .thenComparingInt(e -> e.getKey().instanceId()));
        out.writeInt(sorted.size());
        for (Map.Entry<LwM2mPath, String> e : sorted) {
            out.writeShort(e.getKey().objectId());
            out.writeShort(e.getKey().instanceId());
            bytes(out, e.getValue().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void resource(DataOutputStream out, LwM2mResource r) throws IOException {
        out.writeShort(r.id());
        out.writeBoolean(r.isMultiple());
        out.writeByte(r.type().ordinal());
        if (r instanceof SingleResource s) {
            value(out, s.value());
        } else {
            Map<Integer, Value> values = ((MultipleResource) r).values();
            out.writeInt(values.size());
            for (Map.Entry<Integer, Value> e : values.entrySet()) {
                out.writeShort(e.getKey());
                value(out, e.getValue());
            }
        }
    }

    private static void value(DataOutputStream out, Value v) throws IOException {
        switch (v.type()) {
            case STRING, CORELNK -> bytes(out, v.asString().getBytes(StandardCharsets.UTF_8));
            case INTEGER, UNSIGNED_INTEGER, TIME -> out.writeLong(v.asLong());
            case FLOAT -> out.writeDouble(v.asDouble());
            case BOOLEAN -> out.writeBoolean(v.asBoolean());
            case OPAQUE -> bytes(out, v.asBytes());
            case OBJLNK -> {
                out.writeShort(v.asObjectLink().objectId());
                out.writeShort(v.asObjectLink().instanceId());
            }
            default -> throw new IOException("cannot store a value of type " + v.type());
        }
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** Reads a file written by {@link #write}; a torn or corrupted file is an IOException. */
    static StoreState read(byte[] file) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(file));
        int magic = file.length < 24 ? 0 : in.readInt();
        if (magic != MAGIC_V1 && magic != MAGIC_V2) {
            throw new IOException("not a Gatehouse store file");
        }
        long revision = in.readLong();
        long expectedCrc = in.readLong();
        int length = in.readInt();
        if (length != file.length - 24) {
            throw new IOException("store file is " + file.length + " bytes, header says " + (length + 24));
        }
        byte[] body = in.readNBytes(length);
        CRC32 crc = new CRC32();
        crc.update(body);
        if (crc.getValue() != expectedCrc) {
            throw new IOException("store file checksum mismatch");
        }
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(body));
        ObjectTree tree = new ObjectTree(revision, objects(data));
        Map<LwM2mPath, String> writers = magic == MAGIC_V1 ? Map.of() : writers(data, tree);
        if (data.available() > 0) {
            throw new IOException("store file has " + data.available() + " bytes after its content");
        }
        return new StoreState(tree, writers);
    }

    // An entry for an instance the tree does not hold is dropped: a writer describes an existing instance.
    private static Map<LwM2mPath, String> writers(DataInputStream in, ObjectTree tree) throws IOException {
        Map<LwM2mPath, String> writers = new HashMap<>();
        int count = in.readInt();
        for (int n = 0; n < count; n++) {
            LwM2mPath path = LwM2mPath.of(in.readUnsignedShort(), in.readUnsignedShort());
            String writer = new String(bytes(in), StandardCharsets.UTF_8);
            if (tree.read(path).isPresent()) {
                writers.put(path, writer);
            }
        }
        return writers;
    }

    private static TreeMap<Integer, LwM2mObject> objects(DataInputStream in) throws IOException {
        TreeMap<Integer, LwM2mObject> objects = new TreeMap<>();
        int count = in.readInt();
        for (int n = 0; n < count; n++) {
            int objectId = in.readUnsignedShort();
            List<LwM2mObjectInstance> instances = new ArrayList<>();
            int ni = in.readInt();
            for (int k = 0; k < ni; k++) {
                int instanceId = in.readUnsignedShort();
                List<LwM2mResource> resources = new ArrayList<>();
                int nr = in.readInt();
                for (int r = 0; r < nr; r++) {
                    resources.add(resource(in));
                }
                instances.add(LwM2mObjectInstance.of(instanceId, resources));
            }
            objects.put(objectId, LwM2mObject.of(objectId, instances));
        }
        return objects;
    }

    private static LwM2mResource resource(DataInputStream in) throws IOException {
        int id = in.readUnsignedShort();
        boolean multiple = in.readBoolean();
        ResourceType type = ResourceType.values()[in.readUnsignedByte()];
        if (!multiple) {
            return SingleResource.of(id, value(in, type));
        }
        TreeMap<Integer, Value> values = new TreeMap<>();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            values.put(in.readUnsignedShort(), value(in, type));
        }
        return new MultipleResource(id, type, values);
    }

    private static Value value(DataInputStream in, ResourceType type) throws IOException {
        return switch (type) {
            case STRING -> Value.string(new String(bytes(in), StandardCharsets.UTF_8));
            case CORELNK -> Value.corelnk(new String(bytes(in), StandardCharsets.UTF_8));
            case INTEGER -> Value.integer(in.readLong());
            case UNSIGNED_INTEGER -> Value.unsigned(in.readLong());
            case TIME -> Value.time(in.readLong());
            case FLOAT -> Value.floating(in.readDouble());
            case BOOLEAN -> Value.bool(in.readBoolean());
            case OPAQUE -> Value.opaque(bytes(in));
            case OBJLNK -> Value.objlnk(new ObjectLink(in.readUnsignedShort(), in.readUnsignedShort()));
            default -> throw new IOException("unknown value type " + type);
        };
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("value length " + n + " exceeds the file");
        }
        return in.readNBytes(n);
    }
}
