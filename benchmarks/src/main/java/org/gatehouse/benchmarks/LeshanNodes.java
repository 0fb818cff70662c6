package org.gatehouse.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/** The same payload as Leshan nodes, built once before measuring. */
final class LeshanNodes {
    private LeshanNodes() {
    }

    static org.eclipse.leshan.core.node.LwM2mObject of(LwM2mObject o) {
        List<org.eclipse.leshan.core.node.LwM2mObjectInstance> instances = new ArrayList<>();
        for (LwM2mObjectInstance i : o.instances().values()) {
            List<LwM2mResource> resources = new ArrayList<>();
            i.resources().values().forEach(r -> resources.add(r instanceof SingleResource s
                ? LwM2mSingleResource.newResource(s.id(), value(s.value()), type(s.value()))
                : multiple((MultipleResource) r)));
            instances.add(new org.eclipse.leshan.core.node.LwM2mObjectInstance(i.id(), resources));
        }
        return new org.eclipse.leshan.core.node.LwM2mObject(o.id(), instances);
    }

    private static LwM2mResource multiple(MultipleResource m) {
        Map<Integer, Object> values = new TreeMap<>();
        m.values().forEach((k, v) -> values.put(k, value(v)));
        return LwM2mMultipleResource.newResource(m.id(), values, Type.INTEGER);
    }

    private static Object value(Value v) {
        return switch (v.type()) {
            case STRING -> v.asString();
            case INTEGER -> v.asLong();
            case UNSIGNED_INTEGER -> org.eclipse.leshan.core.util.datatype.ULong.valueOf(v.asLong());
            case BOOLEAN -> v.asBoolean();
            case OPAQUE -> v.asBytes();
            default -> throw new IllegalArgumentException(v.type().toString());
        };
    }

    private static Type type(Value v) {
        return Type.valueOf(v.type().name());
    }
}
