package org.gatehouse.bootstrap.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A bootstrap session on a store transaction, with the Bootstrap interface's write and delete rules. */
final class StoreSession implements BootstrapSession {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSession.class);

    private final StoreTransaction tx;
    private final ModelLookup models;
    private final String source;
    // Server accounts when the session began: one whose Security instance is gone at Finish takes its leftovers with it.
    private final Set<Integer> ssidsAtStart;
    private final Set<LwM2mPath> written = new HashSet<>();
    // Finish (a CoAP thread) and close (the run's thread) may race: one of them ends the transaction, once.
    private volatile boolean open = true;
    private final Runnable ended;

    StoreSession(ObjectStore store, ModelLookup models, String source, Duration wait) throws BootstrapException {
        this(store, models, source, wait, () -> { });
    }

    /** @param ended called once when the session commits or is discarded */
    StoreSession(ObjectStore store, ModelLookup models, String source, Duration wait, Runnable ended) throws BootstrapException {
        try {
            this.tx = store.begin(wait);
        } catch (StoreException e) {
            throw new BootstrapException("cannot start a bootstrap session: " + e.getMessage());
        }
        this.models = models;
        this.source = source;
        this.ended = ended;
        this.ssidsAtStart = Orphans.securitySsids(tx.view());
    }

    @Override
    public ObjectTree view() {
        return tx.view();
    }

    @Override
    public void write(LwM2mPath path, LwM2mNode node) throws BootstrapException {
        ensureOpen();
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
        LOG.debug("{}: wrote {}", source, path);
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

    @Override
    public void delete(LwM2mPath path) throws BootstrapException {
        ensureOpen();
        if (path.depth() > 2) {
            throw new BootstrapException("Bootstrap-Delete cannot target a resource: " + path);
        }
        ObjectTree view = tx.view();
        if (path.isObjectInstance() && isProtected(view, path.objectId(), path.instanceId())) {
            throw new BootstrapException(path + " is " + (path.objectId() == 0 ? "the bootstrap-server account" : "the Device instance")
                + " and cannot be deleted");
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
        LOG.debug("{}: deleted {}", source, path);
    }

    @Override
    public void withdraw(LwM2mPath instance) throws BootstrapException {
        ensureOpen();
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
        written.remove(instance);
        LOG.debug("{}: withdrew {}", source, instance);
    }

    /** The bootstrap-server account, its OSCORE instance and the Device instance outlive every delete. */
    static boolean isProtected(ObjectTree tree, int objectId, int instanceId) {
        if (objectId == 3 && instanceId == 0) {
            return true;
        }
        LwM2mObject security = tree.objects().get(0);
        if (security == null) {
            return false;
        }
        for (LwM2mObjectInstance i : security.instances().values()) {
            if (i.resource(1) instanceof SingleResource bs && bs.value().equals(Value.bool(true))) {
                if (objectId == 0 && i.id() == instanceId) {
                    return true;
                }
                if (objectId == 21 && i.resource(17) instanceof SingleResource link
                        && link.value().asObjectLink().instanceId() == instanceId) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public List<String> check() {
        return ConsistencyCheck.problems(tx.view(), models, false);
    }

    @Override
    public void finish() throws BootstrapException {
        finish(false);
    }

    @Override
    public void finishWithServerAccount() throws BootstrapException {
        finish(true);
    }

    @Override
    public void finishWithdrawal() throws BootstrapException {
        finish(false, true);
    }

    private void finish(boolean serverAccountRequired) throws BootstrapException {
        finish(serverAccountRequired, false);
    }

    private synchronized void finish(boolean serverAccountRequired, boolean noAccountAllowed) throws BootstrapException {
        ensureOpen();
        try {
            List<String> removed = Orphans.remove(tx, ssidsAtStart, written);
            if (!removed.isEmpty()) {
                LOG.info("{}: removed what belonged to deleted server accounts: {}", source, String.join(", ", removed));
            }
        } catch (StoreException e) {
            throw new BootstrapException("cannot remove the leftovers of deleted server accounts: " + e.getMessage(), List.of(e.getMessage()), e);
        }
        List<String> problems = new ArrayList<>(ConsistencyCheck.problems(tx.view(), models, serverAccountRequired));
        if (noAccountAllowed) {
            problems.removeIf(p -> p.startsWith(ConsistencyCheck.NO_ACCOUNT));
        }
        if (!problems.isEmpty()) {
            throw new BootstrapException("inconsistent configuration: " + String.join("; ", problems), problems, null);
        }
        try {
            long revision = tx.commit();
            end();
            LOG.info("Bootstrap from {} committed (store revision {})", source, revision);
        } catch (StoreException e) {
            end();
            throw new BootstrapException("commit failed, previous configuration kept: " + e.getMessage(), List.of(e.getMessage()), e);
        }
    }

    private void end() {
        open = false;
        ended.run();
    }

    private void ensureOpen() throws BootstrapException {
        if (!open) {
            throw new BootstrapException("the bootstrap session has ended");
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        if (open) {
            end();
            tx.rollback();
            LOG.info("Bootstrap session from {} ended without finish: nothing applied", source);
        }
    }
}
