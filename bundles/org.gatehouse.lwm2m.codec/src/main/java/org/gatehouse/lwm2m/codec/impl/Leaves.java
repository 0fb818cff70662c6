package org.gatehouse.lwm2m.codec.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ResourceInstance;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/** Flattens a node into its leaves, in path order. */
final class Leaves {
    private Leaves() {
    }

    static List<Leaf> of(LwM2mPath path, LwM2mNode node) {
        List<Leaf> out = new ArrayList<>();
        if (node instanceof LwM2mObject o) {
            for (LwM2mObjectInstance i : o.instances().values()) {
                instance(path.append(i.id()), i, out);
            }
        } else if (node instanceof LwM2mObjectInstance i) {
            instance(path, i, out);
        } else if (node instanceof LwM2mResource r) {
            resource(path, r, out);
        } else if (node instanceof ResourceInstance ri) {
            out.add(new Leaf(path, ri.value()));
        }
        return out;
    }

    private static void instance(LwM2mPath path, LwM2mObjectInstance i, List<Leaf> out) {
        for (LwM2mResource r : i.resources().values()) {
            resource(path.append(r.id()), r, out);
        }
    }

    private static void resource(LwM2mPath path, LwM2mResource r, List<Leaf> out) {
        if (r instanceof SingleResource s) {
            out.add(new Leaf(path, s.value()));
        } else {
            for (Map.Entry<Integer, Value> e : ((MultipleResource) r).values().entrySet()) {
                out.add(new Leaf(path.append(e.getKey()), e.getValue()));
            }
        }
    }
}
