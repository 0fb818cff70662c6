package org.gatehouse.bootstrap.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.gatehouse.lwm2m.client.ServerSettings;
import org.gatehouse.lwm2m.codec.link.Link;
import org.gatehouse.lwm2m.codec.link.LinkAttribute;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.SecurityResources;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;

/** The Bootstrap-Discover payload: enabler version, objects with their versions, instances with ssid and uri. */
final class Discovery {

    /** The core objects are always supported, with or without instances; so is every object with a model. */
    private static final List<Integer> CORE = List.of(ObjectIds.SECURITY, ObjectIds.SERVER, ObjectIds.ACCESS_CONTROL, ObjectIds.DEVICE);

    private Discovery() {
    }

    static List<Link> links(ObjectTree tree, ModelLookup models, LwM2mPath path) {
        List<Link> links = new ArrayList<>();
        links.add(Link.of("/", LinkAttribute.token("lwm2m", ModelLookup.ENABLER_VERSION)));
        TreeSet<Integer> objects = new TreeSet<>(CORE);
        objects.addAll(models.objectIds());
        objects.addAll(tree.objects().keySet());
        for (int id : objects) {
            if (path.isObject() && id != path.objectId()) {
                continue;
            }
            LwM2mObject o = tree.objects().get(id);
            String version = models.advertised(id).map(ObjectModel::objectVersion).orElse("1.0");
            if (o == null || o.instances().isEmpty() || !"1.0".equals(version)) {
                links.add("1.0".equals(version) ? Link.of("/" + id) : Link.of("/" + id, LinkAttribute.token("ver", version)));
            }
            if (o != null) {
                o.instances().values().forEach(i -> links.add(instance(id, i)));
            }
        }
        return links;
    }

    private static Link instance(int objectId, LwM2mObjectInstance i) {
        List<LinkAttribute> attributes = new ArrayList<>();
        if (objectId == ObjectIds.SECURITY) {
            boolean bs = i.resource(SecurityResources.BOOTSTRAP_SERVER) instanceof SingleResource b && b.value().equals(Value.bool(true));
            if (!bs && i.resource(SecurityResources.SHORT_SERVER_ID) instanceof SingleResource ssid) {
                attributes.add(LinkAttribute.token("ssid", ssid.value().text()));
            }
            if (i.resource(SecurityResources.SERVER_URI) instanceof SingleResource uri) {
                attributes.add(LinkAttribute.quoted("uri", uri.value().asString()));
            }
        } else if (objectId == ObjectIds.SERVER) {
            attributes.add(LinkAttribute.token("ssid", Integer.toString(ServerSettings.of(i).ssid())));
        }
        return new Link("/" + objectId + "/" + i.id(), attributes);
    }
}
