package org.gatehouse.bootstrap.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.SecurityResources;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;

/**
 * The Bootstrap interface's write and delete rules, applied to a store transaction. A session applies
 * each request to its private transaction when it arrives, and all of them again, in order, to the
 * transaction it commits at Finish; so the rules live here once, for both.
 */
final class BootstrapRules {

    /**
     * One accepted request: a Bootstrap-Write of {@code node}, or a Bootstrap-Delete when {@code node} is
     * null; {@code withdraw}: a mode taking back an instance it wrote, whatever it is.
     */
    record Request(LwM2mPath path, LwM2mNode node, boolean withdraw) {
        Request(LwM2mPath path, LwM2mNode node) {
            this(path, node, false);
        }
    }

    private BootstrapRules() {
    }

    /** Applies {@code r}, adding the instances it wrote to {@code written}. */
    static void apply(StoreTransaction tx, ModelLookup models, Request r, Set<LwM2mPath> written) throws BootstrapException {
        if (r.withdraw()) {
            withdraw(tx, r.path());
            written.remove(r.path());
        } else if (r.node() == null) {
            delete(tx, r.path());
        } else {
            write(tx, models, r.path(), r.node(), written);
        }
    }

    private static void write(StoreTransaction tx, ModelLookup models, LwM2mPath path, LwM2mNode node, Set<LwM2mPath> written)
            throws BootstrapException {
        if (path.isRoot() || path.isResourceInstance()) {
            throw new BootstrapException("Bootstrap-Write cannot target " + path);
        }
        ObjectModel model = models.find(path.objectId())
            .orElseThrow(() -> new BootstrapException("object " + path.objectId() + " is not supported by this gateway"));
        try {
            if (node instanceof LwM2mObject o) {
                // a write to an object creates or replaces the instances it carries; the others stay
                for (LwM2mObjectInstance i : ((LwM2mObject) known(model, o)).instances().values()) {
                    tx.write(path.append(i.id()), i);
                    written.add(path.append(i.id()));
                }
            } else {
                tx.write(path, known(model, node));
                written.add(LwM2mPath.of(path.objectId(), path.instanceId()));
            }
        } catch (StoreException e) {
            throw new BootstrapException(path + ": " + e.getMessage());
        }
    }

    // Unknown optional resources are not an error: they are left out.
    private static LwM2mNode known(ObjectModel model, LwM2mNode node) {
        if (node instanceof LwM2mObject o) {
            List<LwM2mObjectInstance> instances = new ArrayList<>();
            o.instances().values().forEach(i -> instances.add((LwM2mObjectInstance) known(model, i)));
            return LwM2mObject.of(o.id(), instances);
        } else if (node instanceof LwM2mObjectInstance i) {
            List<LwM2mResource> kept = new ArrayList<>();
            for (LwM2mResource r : i.resources().values()) {
                if (model.resource(r.id()) != null) {
                    kept.add(r);
                }
            }
            return LwM2mObjectInstance.of(i.id(), kept);
        }
        return node;
    }

    private static void withdraw(StoreTransaction tx, LwM2mPath instance) throws BootstrapException {
        if (!instance.isObjectInstance()) {
            throw new BootstrapException("only an object instance can be withdrawn, not " + instance);
        }
        try {
            tx.delete(instance);
            LwM2mObject o = tx.view().objects().get(instance.objectId());
            if (o != null && o.instances().isEmpty()) {
                tx.delete(LwM2mPath.of(instance.objectId()));
            }
        } catch (StoreException e) {
            throw new BootstrapException(instance + ": " + e.getMessage());
        }
    }

    private static void delete(StoreTransaction tx, LwM2mPath path) throws BootstrapException {
        if (path.depth() > 2) {
            throw new BootstrapException("Bootstrap-Delete cannot target a resource: " + path);
        }
        ObjectTree view = tx.view();
        if (path.isObjectInstance() && isProtected(view, path.objectId(), path.instanceId())) {
            String what = switch (path.objectId()) {
                case ObjectIds.SECURITY -> "the bootstrap-server account";
                case ObjectIds.OSCORE -> "the bootstrap-server account's OSCORE instance";
                default -> "the Device instance";
            };
            throw new BootstrapException(path + " is " + what + " and cannot be deleted");
        }
        try {
            for (LwM2mObject o : new ArrayList<>(view.objects().values())) {
                if (!path.isRoot() && o.id() != path.objectId()) {
                    continue;
                }
                for (LwM2mObjectInstance i : o.instances().values()) {
                    boolean targeted = path.depth() < 2 || i.id() == path.instanceId();
                    if (targeted && !isProtected(view, o.id(), i.id())) {
                        tx.delete(LwM2mPath.of(o.id(), i.id()));
                    }
                }
                if (tx.view().objects().get(o.id()) != null && tx.view().objects().get(o.id()).instances().isEmpty()) {
                    tx.delete(LwM2mPath.of(o.id()));
                }
            }
        } catch (StoreException e) {
            throw new BootstrapException(path + ": " + e.getMessage());
        }
    }

    /** The bootstrap-server account, its OSCORE instance and the Device instance outlive every delete. */
    static boolean isProtected(ObjectTree tree, int objectId, int instanceId) {
        if (objectId == ObjectIds.DEVICE && instanceId == 0) {
            return true;
        }
        LwM2mObject security = tree.objects().get(ObjectIds.SECURITY);
        if (security == null) {
            return false;
        }
        for (LwM2mObjectInstance i : security.instances().values()) {
            if (i.resource(SecurityResources.BOOTSTRAP_SERVER) instanceof SingleResource bs && bs.value().equals(Value.bool(true))) {
                if (objectId == ObjectIds.SECURITY && i.id() == instanceId) {
                    return true;
                }
                if (objectId == ObjectIds.OSCORE && i.resource(SecurityResources.OSCORE_SECURITY_MODE) instanceof SingleResource link
                        && link.value().asObjectLink().instanceId() == instanceId) {
                    return true;
                }
            }
        }
        return false;
    }
}
