package org.gatehouse.registration.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.gatehouse.lwm2m.codec.link.Link;
import org.gatehouse.lwm2m.codec.link.LinkAttribute;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.store.ObjectTree;

/**
 * The object links of Register and Update: every object and instance but Security and OSCORE, and
 * the objects with a handler and a known model even when they have no instance.
 */
final class RegisterPayload {
    private RegisterPayload() {
    }

    static List<Link> links(ObjectTree tree, ModelLookup models, Set<Integer> handled) {
        List<Link> links = new ArrayList<>();
        links.add(Link.of("/", LinkAttribute.quoted("rt", "oma.lwm2m"), LinkAttribute.token("ct", "11542")));
        TreeSet<Integer> objectIds = new TreeSet<>(tree.objects().keySet());
        handled.stream().filter(id -> models.find(id).isPresent()).forEach(objectIds::add);
        for (int id : objectIds) {
            if (id == ObjectIds.SECURITY || id == ObjectIds.OSCORE) {
                continue;
            }
            LwM2mObject o = tree.objects().getOrDefault(id, LwM2mObject.of(id));
            String version = models.advertised(id).map(ObjectModel::objectVersion).orElse("1.0");
            if (!"1.0".equals(version) || o.instances().isEmpty()) {
                links.add("1.0".equals(version) ? Link.of("/" + id) : Link.of("/" + id, LinkAttribute.token("ver", version)));
            }
            o.instances().keySet().forEach(i -> links.add(Link.of("/" + id + "/" + i)));
        }
        return links;
    }
}
