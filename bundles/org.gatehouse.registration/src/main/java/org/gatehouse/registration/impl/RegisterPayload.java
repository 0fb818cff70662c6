package org.gatehouse.registration.impl;

import java.util.ArrayList;
import java.util.List;

import org.gatehouse.lwm2m.codec.link.Link;
import org.gatehouse.lwm2m.codec.link.LinkAttribute;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.store.ObjectTree;

/** The object links of Register and Update: every object and instance but Security (0) and OSCORE (21). */
final class RegisterPayload {
    private RegisterPayload() {
    }

    static List<Link> links(ObjectTree tree, ModelLookup models) {
        List<Link> links = new ArrayList<>();
        links.add(Link.of("/", LinkAttribute.quoted("rt", "oma.lwm2m"), LinkAttribute.token("ct", "11542")));
        for (LwM2mObject o : tree.objects().values()) {
            if (o.id() == 0 || o.id() == 21) {
                continue;
            }
            String version = models.advertised(o.id()).map(ObjectModel::objectVersion).orElse("1.0");
            if (!"1.0".equals(version) || o.instances().isEmpty()) {
                links.add("1.0".equals(version) ? Link.of("/" + o.id()) : Link.of("/" + o.id(), LinkAttribute.token("ver", version)));
            }
            o.instances().keySet().forEach(i -> links.add(Link.of("/" + o.id() + "/" + i)));
        }
        return links;
    }
}
