package org.gatehouse.lwm2m.codec.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ResourceInstance;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/** Builds the node at a request path from decoded records (path + raw value), checking each against the model. */
final class NodeAssembler {

    private final String format;
    private final LwM2mPath target;
    private final ModelLookup models;
    // instance -> resource -> (null key = single value, else resource-instance id) -> value
    private final Map<Integer, Map<Integer, TreeMap<Integer, Value>>> tree = new TreeMap<>();
    // keyed by instanceId << 16 | resourceId
    private final Map<Integer, Boolean> multiple = new java.util.HashMap<>();
    private final Map<Integer, ResourceType> types = new java.util.HashMap<>();

    NodeAssembler(String format, LwM2mPath target, ModelLookup models) throws CodecException {
        if (target.isRoot()) {
            throw new CodecException(format + ": cannot decode a payload for the root path");
        }
        this.format = format;
        this.target = target;
        this.models = models;
    }

    void add(int index, LwM2mPath path, RawValue raw) throws CodecException {
        if (!path.startsWith(target) || path.depth() < 3) {
            String where = "record " + index + " (" + path + ")";
            throw new CodecException(format + ": " + where + " is not a resource under the request path " + target);
        }
        // messages are built only on error: on a good record they would be the costliest part
        if (path.objectId() != target.objectId()) {
            throw new CodecException(format + ": record " + index + " (" + path + ") is outside object " + target.objectId());
        }
        ResourceModel model = Schema.resource(models, path.objectId(), path.resourceId()).orElse(null);
        boolean isInstanceValue = path.isResourceInstance();
        if (model != null && model.multiple() != isInstanceValue) {
            throw new CodecException(format + ": record " + index + " (" + path + ")" + (model.multiple()
                ? " addresses multiple resource " + model.name() + " without a resource instance id"
                : " gives an instance id to single resource " + model.name()));
        }
        int key = path.instanceId() << 16 | path.resourceId();
        Boolean seen = multiple.putIfAbsent(key, isInstanceValue);
        if (seen != null && seen != isInstanceValue) {
            throw new CodecException(format + ": record " + index + " (" + path + ") mixes single and multiple values for one resource");
        }
        ResourceType type = model != null ? model.type() : types.computeIfAbsent(key, k -> raw.guessType());
        Value value = raw.toValue(type, format, "record " + index, path);
        TreeMap<Integer, Value> values = tree.computeIfAbsent(path.instanceId(), k -> new TreeMap<>())
            .computeIfAbsent(path.resourceId(), k -> new TreeMap<>());
        int slot = isInstanceValue ? path.resourceInstanceId() : -1;
        if (values.put(slot, value) != null) {
            throw new CodecException(format + ": record " + index + " (" + path + ") repeats a path already given");
        }
    }

    LwM2mNode build() throws CodecException {
        List<LwM2mObjectInstance> instances = new ArrayList<>();
        for (Map.Entry<Integer, Map<Integer, TreeMap<Integer, Value>>> i : tree.entrySet()) {
            List<LwM2mResource> resources = new ArrayList<>();
            for (Map.Entry<Integer, TreeMap<Integer, Value>> r : i.getValue().entrySet()) {
                resources.add(resource(i.getKey(), r.getKey(), r.getValue()));
            }
            instances.add(LwM2mObjectInstance.of(i.getKey(), resources));
        }
        switch (target.depth()) {
            case 1:
                return LwM2mObject.of(target.objectId(), instances);
            case 2:
                return instances.isEmpty() ? LwM2mObjectInstance.of(target.instanceId()) : instances.get(0);
            case 3:
                if (instances.isEmpty()) {
                    ResourceModel m = Schema.resource(models, target.objectId(), target.resourceId()).orElse(null);
                    if (m != null && m.multiple()) {
                        return new MultipleResource(target.resourceId(), m.type(), new TreeMap<>());
                    }
                    throw new CodecException(format + ": no value for resource " + target);
                }
                return instances.get(0).resource(target.resourceId());
            default:
                if (instances.isEmpty()) {
                    throw new CodecException(format + ": no value for resource instance " + target);
                }
                MultipleResource m = (MultipleResource) instances.get(0).resource(target.resourceId());
                return new ResourceInstance(target.resourceInstanceId(), m.value(target.resourceInstanceId()));
        }
    }

    private LwM2mResource resource(int instanceId, int resourceId, TreeMap<Integer, Value> values) {
        if (values.containsKey(-1)) {
            return SingleResource.of(resourceId, values.get(-1));
        }
        ResourceType type = values.firstEntry().getValue().type();
        return new MultipleResource(resourceId, type, values);
    }
}
