package org.gatehouse.registration.impl;

import java.util.ArrayList;
import java.util.List;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.ResourceModel;

/** Write rules of the Device Management interface: only writable resources, replace or partial update. */
final class Writes {
    private Writes() {
    }

    /** Why the node may not be written, or null. */
    static String refusal(ObjectModel model, LwM2mNode node) {
        List<LwM2mResource> resources = new ArrayList<>();
        if (node instanceof LwM2mObjectInstance i) {
            resources.addAll(i.resources().values());
        } else if (node instanceof LwM2mResource r) {
            resources.add(r);
        } else if (node instanceof LwM2mObject o) {
            o.instances().values().forEach(i -> resources.addAll(i.resources().values()));
        }
        for (LwM2mResource r : resources) {
            ResourceModel m = model.resource(r.id());
            if (m == null) {
                return "resource " + r.id() + " is not part of object " + model.id();
            }
            if (!m.operations().writable() && !(node instanceof LwM2mObject)) {
                return "resource " + r.id() + " (" + m.name() + ") is not writable";
            }
        }
        return null;
    }

    /** Partial update: the written resources replace theirs, the others stay. */
    static LwM2mObjectInstance merge(LwM2mObjectInstance current, LwM2mObjectInstance written) {
        LwM2mObjectInstance result = current;
        for (LwM2mResource r : written.resources().values()) {
            result = result.with(r);
        }
        return result;
    }

    /** Replace: writable resources become exactly the written ones; read-only ones (e.g. the SSID) stay. */
    static LwM2mObjectInstance keepUnwritable(LwM2mObjectInstance current, LwM2mObjectInstance written, ObjectModel model) {
        List<LwM2mResource> result = new ArrayList<>(written.resources().values());
        for (LwM2mResource r : current.resources().values()) {
            ResourceModel m = model.resource(r.id());
            if (m != null && !m.operations().writable() && written.resource(r.id()) == null) {
                result.add(r);
            }
        }
        return LwM2mObjectInstance.of(current.id(), result);
    }
}
