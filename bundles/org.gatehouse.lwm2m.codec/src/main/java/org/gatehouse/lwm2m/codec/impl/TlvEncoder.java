package org.gatehouse.lwm2m.codec.impl;

import java.util.Arrays;
import java.util.Map;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ResourceInstance;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/**
 * Encodes a node in two passes: the first measures every TLV, the second writes headers and values
 * straight into one array of the exact size. A TLV header holds its content's length, so nested TLVs
 * need their size before they are written; measuring (arithmetic, a scan of each string) costs less
 * than encoding every level into its own buffer and copying it into its parent, as a stream would.
 * The first pass keeps each length it finds, in the order the second pass needs them, so no value is
 * measured twice. One encoder per call: it is not thread-safe.
 */
final class TlvEncoder {

    private int[] lengths = new int[32]; // value and content lengths, in writing order
    private int count; // lengths kept by the first pass
    private int next; // lengths used by the second

    private TlvEncoder() {
    }

    static byte[] encode(LwM2mNode node) {
        return new TlvEncoder().run(node);
    }

    private byte[] run(LwM2mNode node) {
        TlvWriter w = new TlvWriter(measure(node));
        write(w, node);
        return w.bytes();
    }

    // ---- first pass: sizes, kept in writing order

    private int measure(LwM2mNode node) {
        if (node instanceof LwM2mObject o) {
            int size = 0;
            for (LwM2mObjectInstance i : o.instances().values()) {
                int slot = reserve();
                int content = measureContent(i); // before the store: measuring may grow the array
                lengths[slot] = content;
                size += TlvWriter.length(i.id(), content);
            }
            return size;
        } else if (node instanceof LwM2mObjectInstance i) {
            return measureContent(i); // an instance path carries its resources bare
        } else if (node instanceof LwM2mResource r) {
            return measure(r);
        } else if (node instanceof ResourceInstance ri) {
            return TlvWriter.length(ri.id(), keep(TlvValues.length(ri.value())));
        }
        return 0;
    }

    private int measureContent(LwM2mObjectInstance instance) {
        int size = 0;
        for (LwM2mResource r : instance.resources().values()) {
            size += measure(r);
        }
        return size;
    }

    private int measure(LwM2mResource r) {
        if (r instanceof SingleResource s) {
            return TlvWriter.length(s.id(), keep(TlvValues.length(s.value())));
        }
        int slot = reserve();
        int content = 0;
        for (Map.Entry<Integer, Value> e : ((MultipleResource) r).values().entrySet()) {
            content += TlvWriter.length(e.getKey(), keep(TlvValues.length(e.getValue())));
        }
        lengths[slot] = content;
        return TlvWriter.length(r.id(), content);
    }

    /** A slot for a content length, filled once the content is measured. */
    private int reserve() {
        if (count == lengths.length) {
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        return count++;
    }

    private int keep(int length) {
        int slot = reserve(); // first: "lengths[reserve()]" would store into the array from before a growth
        lengths[slot] = length;
        return length;
    }

    // ---- second pass: bytes, with the lengths in the order they were kept

    private void write(TlvWriter w, LwM2mNode node) {
        if (node instanceof LwM2mObject o) {
            for (LwM2mObjectInstance i : o.instances().values()) {
                w.header(TlvKind.OBJECT_INSTANCE, i.id(), lengths[next++]);
                writeContent(w, i);
            }
        } else if (node instanceof LwM2mObjectInstance i) {
            writeContent(w, i);
        } else if (node instanceof LwM2mResource r) {
            write(w, r);
        } else if (node instanceof ResourceInstance ri) {
            w.header(TlvKind.RESOURCE_INSTANCE, ri.id(), lengths[next++]);
            w.value(ri.value());
        }
    }

    private void writeContent(TlvWriter w, LwM2mObjectInstance instance) {
        for (LwM2mResource r : instance.resources().values()) {
            write(w, r);
        }
    }

    private void write(TlvWriter w, LwM2mResource r) {
        if (r instanceof SingleResource s) {
            w.header(TlvKind.RESOURCE, s.id(), lengths[next++]);
            w.value(s.value());
            return;
        }
        w.header(TlvKind.MULTIPLE_RESOURCE, r.id(), lengths[next++]);
        for (Map.Entry<Integer, Value> e : ((MultipleResource) r).values().entrySet()) {
            w.header(TlvKind.RESOURCE_INSTANCE, e.getKey(), lengths[next++]);
            w.value(e.getValue());
        }
    }
}
