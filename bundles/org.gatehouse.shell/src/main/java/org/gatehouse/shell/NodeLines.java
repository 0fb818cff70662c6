package org.gatehouse.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.OscoreResources;
import org.gatehouse.lwm2m.model.ResourceInstance;
import org.gatehouse.lwm2m.model.SecurityResources;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/** One "path = value" line per value; secret resources print as ***. */
final class NodeLines {

    private static final Set<String> SECRETS = Set.of(key(ObjectIds.SECURITY, SecurityResources.SECRET_KEY),
        key(ObjectIds.SECURITY, SecurityResources.SMS_BINDING_SECRET_KEYS), key(ObjectIds.OSCORE, OscoreResources.MASTER_SECRET),
        key(ObjectIds.OSCORE, OscoreResources.MASTER_SALT));

    private NodeLines() {
    }

    static List<String> of(LwM2mPath path, LwM2mNode node) {
        List<String> lines = new ArrayList<>();
        add(path, node, lines);
        return lines;
    }

    static boolean isSecret(LwM2mPath path) {
        return path.depth() >= 3 && SECRETS.contains(key(path.objectId(), path.resourceId()));
    }

    private static String key(int objectId, int resourceId) {
        return objectId + "/" + resourceId;
    }

    private static void add(LwM2mPath path, LwM2mNode node, List<String> lines) {
        if (node instanceof LwM2mObject o) {
            o.instances().values().forEach(i -> add(path.append(i.id()), i, lines));
        } else if (node instanceof LwM2mObjectInstance i) {
            i.resources().values().forEach(r -> add(path.append(r.id()), r, lines));
        } else if (node instanceof SingleResource s) {
            lines.add(line(path, s.value()));
        } else if (node instanceof MultipleResource m) {
            for (Map.Entry<Integer, Value> e : m.values().entrySet()) {
                lines.add(line(path.append(e.getKey()), e.getValue()));
            }
        } else if (node instanceof ResourceInstance ri) {
            lines.add(line(path, ri.value()));
        }
    }

    private static String line(LwM2mPath path, Value v) {
        return path + " = " + (isSecret(path) ? "***" : v.toString());
    }

}
