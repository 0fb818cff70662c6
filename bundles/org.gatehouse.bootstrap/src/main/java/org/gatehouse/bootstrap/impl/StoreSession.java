package org.gatehouse.bootstrap.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.gatehouse.lwm2m.client.ConsistencyCheck;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.bootstrap.impl.BootstrapRules.Request;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreConflictException;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.StoreWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bootstrap session built privately and applied at Finish. Its requests go to a transaction of its
 * own, which only serves as the session's view and blocks no other writer; Finish applies the
 * accepted requests again, in order, to a new transaction on the configuration committed at that
 * moment, removes the leftovers of deleted server accounts, checks consistency and commits. So the
 * bootstrap is atomic, a change committed meanwhile by device management survives unless the
 * bootstrap writes or deletes the same instance (then the bootstrap wins, as if it came after it),
 * and the consistency check always judges exactly what is committed.
 */
final class StoreSession implements BootstrapSession {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSession.class);

    private final ObjectStore store;
    private final ModelLookup models;
    private final String writer;
    private final Duration wait;
    private final StoreTransaction scratch;
    private final List<Request> accepted = new ArrayList<>();
    // Finish (a CoAP thread) and close (the run's thread) may race: one of them ends the session, once.
    private volatile boolean open = true;
    private final Runnable ended;

    StoreSession(ObjectStore store, ModelLookup models, String writer, Duration wait) throws BootstrapException {
        this(store, models, writer, wait, () -> { });
    }

    /**
     * @param writer recorded in the store for what the session commits, e.g. {@code "bootstrap:coaps://bs.example:5684"}
     * @param wait how long Finish may wait for another commit in progress
     * @param ended called once when the session commits or is discarded
     */
    StoreSession(ObjectStore store, ModelLookup models, String writer, Duration wait, Runnable ended) throws BootstrapException {
        try {
            this.scratch = store.begin(writer, wait);
        } catch (StoreException e) {
            throw new BootstrapException("cannot start a bootstrap session: " + e.getMessage());
        }
        this.store = store;
        this.models = models;
        this.writer = writer;
        this.wait = wait;
        this.ended = ended;
    }

    @Override
    public ObjectTree view() {
        return scratch.view();
    }

    @Override
    public synchronized void write(LwM2mPath path, LwM2mNode node) throws BootstrapException {
        accept(new Request(path, node));
        LOG.debug("{}: wrote {}", writer, path);
    }

    @Override
    public synchronized void delete(LwM2mPath path) throws BootstrapException {
        accept(new Request(path, null));
        LOG.debug("{}: deleted {}", writer, path);
    }

    @Override
    public synchronized void withdraw(LwM2mPath instance) throws BootstrapException {
        accept(new Request(instance, null, true));
        LOG.debug("{}: withdrew {}", writer, instance);
    }

    private void accept(Request r) throws BootstrapException {
        ensureOpen();
        BootstrapRules.apply(scratch, models, r, new HashSet<>());
        accepted.add(r);
    }

    @Override
    public List<String> check() {
        return ConsistencyCheck.problems(scratch.view(), models, false);
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
        for (int attempt = 1;; attempt++) {
            try (StoreTransaction tx = store.begin(writer, wait)) {
                applyAll(tx, serverAccountRequired, noAccountAllowed);
                long revision = tx.commit();
                end();
                LOG.info("Bootstrap from {} committed (store revision {})", writer, revision);
                return;
            } catch (StoreConflictException e) {
                if (attempt >= StoreWork.ATTEMPTS) {
                    throw failed(e);
                }
                LOG.debug("{}: another commit landed first, applying the session to it again", writer);
            } catch (StoreException e) {
                throw failed(e);
            }
        }
    }

    /** The session's requests on the committed configuration, then its server accounts' leftovers and the check. */
    private void applyAll(StoreTransaction tx, boolean serverAccountRequired, boolean noAccountAllowed) throws BootstrapException {
        Set<Integer> ssidsBefore = Orphans.securitySsids(tx.view());
        Set<LwM2mPath> written = new HashSet<>();
        for (Request r : accepted) {
            BootstrapRules.apply(tx, models, r, written);
        }
        try {
            List<String> removed = Orphans.remove(tx, ssidsBefore, written);
            if (!removed.isEmpty()) {
                LOG.info("{}: removed what belonged to deleted server accounts: {}", writer, String.join(", ", removed));
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
    }

    private BootstrapException failed(StoreException e) {
        end();
        return new BootstrapException("commit failed, previous configuration kept: " + e.getMessage(), List.of(e.getMessage()), e);
    }

    private void end() {
        open = false;
        scratch.close();
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
            LOG.info("Bootstrap session from {} ended without finish: nothing applied", writer);
        }
    }
}
