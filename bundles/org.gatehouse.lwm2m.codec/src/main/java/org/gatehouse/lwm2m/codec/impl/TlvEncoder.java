package org.gatehouse.lwm2m.codec.impl;

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
 * Encodes a node in two passes: the first adds up the exact size, the second writes headers and values
 * straight into one array of that size. A TLV header holds its content's length, so nested TLVs need
 * their size before they are written; counting it (cheap arithmetic, a scan of each string) costs less
 * than encoding every level into its own buffer and copying it into its parent, as a stream would.
 */
final class TlvEncoder {
    private TlvEncoder() {
    }

    static byte[] encode(LwM2mNode node) {
        TlvWriter w;
        if (node instanceof LwM2mObject o) {
            int[] contents = new int[o.instances().size()]; // each instance's length, counted once
            int size = 0;
            int n = 0;
            for (LwM2mObjectInstance i : o.instances().values()) {
                contents[n] = contentLength(i);
                size += TlvWriter.length(i.id(), contents[n++]);
            }
            w = new TlvWriter(size);
            n = 0;
            for (LwM2mObjectInstance i : o.instances().values()) {
                w.header(TlvEntry.Kind.OBJECT_INSTANCE, i.id(), contents[n++]);
                writeContent(w, i);
            }
        } else if (node instanceof LwM2mObjectInstance i) {
            w = new TlvWriter(contentLength(i)); // an instance path carries its resources bare
            writeContent(w, i);
        } else if (node instanceof LwM2mResource r) {
            w = new TlvWriter(length(r));
            write(w, r);
        } else if (node instanceof ResourceInstance ri) {
            w = new TlvWriter(TlvWriter.length(ri.id(), TlvValues.length(ri.value())));
            w.header(TlvEntry.Kind.RESOURCE_INSTANCE, ri.id(), TlvValues.length(ri.value()));
            w.value(ri.value());
        } else {
            return new byte[0];
        }
        return w.bytes();
    }

    private static int contentLength(LwM2mObjectInstance instance) {
        int size = 0;
        for (LwM2mResource r : instance.resources().values()) {
            size += length(r);
        }
        return size;
    }

    private static void writeContent(TlvWriter w, LwM2mObjectInstance instance) {
        for (LwM2mResource r : instance.resources().values()) {
            write(w, r);
        }
    }

    private static int length(LwM2mResource r) {
        if (r instanceof SingleResource s) {
            return TlvWriter.length(s.id(), TlvValues.length(s.value()));
        }
        return TlvWriter.length(r.id(), instancesLength((MultipleResource) r));
    }

    private static int instancesLength(MultipleResource m) {
        int size = 0;
        for (Map.Entry<Integer, Value> e : m.values().entrySet()) {
            size += TlvWriter.length(e.getKey(), TlvValues.length(e.getValue()));
        }
        return size;
    }

    private static void write(TlvWriter w, LwM2mResource r) {
        if (r instanceof SingleResource s) {
            w.header(TlvEntry.Kind.RESOURCE, s.id(), TlvValues.length(s.value()));
            w.value(s.value());
            return;
        }
        MultipleResource m = (MultipleResource) r;
        w.header(TlvEntry.Kind.MULTIPLE_RESOURCE, m.id(), instancesLength(m));
        for (Map.Entry<Integer, Value> e : m.values().entrySet()) {
            w.header(TlvEntry.Kind.RESOURCE_INSTANCE, e.getKey(), TlvValues.length(e.getValue()));
            w.value(e.getValue());
        }
    }
}
