package org.gatehouse.lwm2m.codec.impl;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.ResourceInstance;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/** Converts nodes between our model and Eclipse Leshan's, for comparing the two implementations. */
final class LeshanBridge {
    private LeshanBridge() {
    }

    /** Leshan's model built from the same official DDF files and the same test object. */
    static LwM2mModel model() throws Exception {
        Path registry = Path.of(System.getProperty("lwm2m.registry", "../../../shared/lwm2m-registry"));
        List<org.eclipse.leshan.core.model.ObjectModel> models = new ArrayList<>();
        for (String f : List.of("0.xml", "1.xml", "2.xml", "3.xml", "4.xml")) {
            try (InputStream in = Files.newInputStream(registry.resolve(f))) {
                models.addAll(ObjectLoader.loadDdfFile(in, f, false));
            }
        }
        try (InputStream in = LeshanBridge.class.getResourceAsStream("/models/33000.xml")) {
            models.addAll(ObjectLoader.loadDdfFile(in, "33000.xml", false));
        }
        return new StaticModel(models);
    }

    static org.eclipse.leshan.core.node.LwM2mPath path(LwM2mPath p) {
        return new org.eclipse.leshan.core.node.LwM2mPath(p.toString());
    }

    static org.eclipse.leshan.core.node.LwM2mNode toLeshan(LwM2mNode node) {
        if (node instanceof LwM2mObject o) {
            List<org.eclipse.leshan.core.node.LwM2mObjectInstance> instances = new ArrayList<>();
            o.instances().values().forEach(i -> instances.add((org.eclipse.leshan.core.node.LwM2mObjectInstance) toLeshan(i)));
            return new org.eclipse.leshan.core.node.LwM2mObject(o.id(), instances);
        } else if (node instanceof LwM2mObjectInstance i) {
            List<org.eclipse.leshan.core.node.LwM2mResource> resources = new ArrayList<>();
            i.resources().values().forEach(r -> resources.add((org.eclipse.leshan.core.node.LwM2mResource) toLeshan(r)));
            return new org.eclipse.leshan.core.node.LwM2mObjectInstance(i.id(), resources);
        } else if (node instanceof SingleResource s) {
            return LwM2mSingleResource.newResource(s.id(), value(s.value()), type(s.type()));
        } else if (node instanceof MultipleResource m) {
            Map<Integer, Object> values = new TreeMap<>();
            m.values().forEach((k, v) -> values.put(k, value(v)));
            return LwM2mMultipleResource.newResource(m.id(), values, type(m.type()));
        }
        ResourceInstance ri = (ResourceInstance) node;
        return LwM2mResourceInstance.newInstance(ri.id(), value(ri.value()), type(ri.value().type()));
    }

    static LwM2mNode fromLeshan(org.eclipse.leshan.core.node.LwM2mNode node) {
        if (node instanceof org.eclipse.leshan.core.node.LwM2mObject o) {
            List<LwM2mObjectInstance> instances = new ArrayList<>();
            o.getInstances().values().forEach(i -> instances.add((LwM2mObjectInstance) fromLeshan(i)));
            return LwM2mObject.of(o.getId(), instances);
        } else if (node instanceof org.eclipse.leshan.core.node.LwM2mObjectInstance i) {
            List<LwM2mResource> resources = new ArrayList<>();
            i.getResources().values().forEach(r -> resources.add((LwM2mResource) fromLeshan(r)));
            return LwM2mObjectInstance.of(i.getId(), resources);
        } else if (node instanceof LwM2mSingleResource s) {
            return SingleResource.of(s.getId(), value(s.getValue(), s.getType()));
        } else if (node instanceof LwM2mMultipleResource m) {
            TreeMap<Integer, Value> values = new TreeMap<>();
            m.getInstances().forEach((k, v) -> values.put(k, value(v.getValue(), m.getType())));
            return new MultipleResource(m.getId(), ourType(m.getType()), values);
        }
        LwM2mResourceInstance ri = (LwM2mResourceInstance) node;
        return new ResourceInstance(ri.getId(), value(ri.getValue(), ri.getType()));
    }

    private static Object value(Value v) {
        return switch (v.type()) {
            case STRING -> v.asString();
            case INTEGER -> v.asLong();
            case UNSIGNED_INTEGER -> ULong.valueOf(new BigInteger(Long.toUnsignedString(v.asLong())));
            case FLOAT -> v.asDouble();
            case BOOLEAN -> v.asBoolean();
            case OPAQUE -> v.asBytes();
            case TIME -> new Date(v.asLong() * 1000);
            case OBJLNK -> new org.eclipse.leshan.core.node.ObjectLink(v.asObjectLink().objectId(), v.asObjectLink().instanceId());
            default -> throw new IllegalArgumentException(v.type().toString());
        };
    }

    private static Value value(Object o, Type type) {
        return switch (type) {
            case STRING -> Value.string((String) o);
            case INTEGER -> Value.integer((Long) o);
            case UNSIGNED_INTEGER -> Value.unsigned(((ULong) o).longValue());
            case FLOAT -> Value.floating((Double) o);
            case BOOLEAN -> Value.bool((Boolean) o);
            case OPAQUE -> Value.opaque((byte[]) o);
            case TIME -> Value.time(Math.floorDiv(((Date) o).getTime(), 1000));
            case OBJLNK -> Value.objlnk(new ObjectLink(((org.eclipse.leshan.core.node.ObjectLink) o).getObjectId(),
                ((org.eclipse.leshan.core.node.ObjectLink) o).getObjectInstanceId()));
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static Type type(ResourceType t) {
        return switch (t) {
            case STRING -> Type.STRING;
            case INTEGER -> Type.INTEGER;
            case UNSIGNED_INTEGER -> Type.UNSIGNED_INTEGER;
            case FLOAT -> Type.FLOAT;
            case BOOLEAN -> Type.BOOLEAN;
            case OPAQUE -> Type.OPAQUE;
            case TIME -> Type.TIME;
            case OBJLNK -> Type.OBJLNK;
            default -> throw new IllegalArgumentException(t.toString());
        };
    }

    private static ResourceType ourType(Type t) {
        return ResourceType.valueOf(t.name());
    }
}
