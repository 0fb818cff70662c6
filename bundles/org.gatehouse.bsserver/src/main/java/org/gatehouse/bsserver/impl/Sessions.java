package org.gatehouse.bsserver.impl;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions running on this node: at most {@code max} at once, each bounded in time, each holding
 * the storage's claim on its endpoint so no other node runs the same endpoint meanwhile. Claims are
 * leased briefly and renewed while their sessions run ({@link #renewClaims}), so that when this node
 * dies its endpoints are free again within one lease, not only after the longest a session may take.
 */
final class Sessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final BootstrapStorage storage;
    private final String node;
    private final Semaphore permits;
    private final Duration sessionTimeout;
    private final Duration requestTimeout;
    private final Duration claimLease;
    private final Executor executor;
    private final Map<String, Session> running = new ConcurrentHashMap<>();
    private final Set<String> reserved = ConcurrentHashMap.newKeySet();

    Sessions(BootstrapStorage storage, String node, int max, Duration sessionTimeout, Duration requestTimeout, Duration claimLease,
            Executor executor) {
        this.storage = storage;
        this.node = node;
        this.permits = new Semaphore(max);
        this.sessionTimeout = sessionTimeout;
        this.requestTimeout = requestTimeout;
        this.claimLease = claimLease;
        this.executor = executor;
    }

    /** A reservation: the id of the session logged as started, or why none may start. */
    record Reserved(long sessionId, Optional<String> refusal) {
        static Reserved refused(String why) {
            return new Reserved(0, Optional.of(why));
        }
    }

    /**
     * Reserves a session for {@code endpoint} and logs its start (with the storage's claim, at once):
     * refused when this node is full, or the endpoint's session already runs here or on another node.
     */
    Reserved reserve(String endpoint) {
        // reserved here, atomically: the storage claim of our own node would be renewed, not refused
        if (!reserved.add(endpoint)) {
            return Reserved.refused("a session of " + endpoint + " is already running on this node");
        }
        if (!permits.tryAcquire()) {
            reserved.remove(endpoint);
            return Reserved.refused("this node runs its maximum of sessions; retry later");
        }
        try {
            OptionalLong id = storage.claimAndStart(endpoint, node, claimLease);
            if (id.isPresent()) {
                return new Reserved(id.getAsLong(), Optional.empty());
            }
        } catch (RuntimeException e) {
            free(endpoint);
            throw e;
        }
        free(endpoint);
        return Reserved.refused("another bootstrap-server node is running a session of " + endpoint);
    }

    private void free(String endpoint) {
        permits.release();
        reserved.remove(endpoint);
    }

    /** Gives back a reservation that will not be used. */
    void unreserve(String endpoint) {
        try {
            storage.release(endpoint, node);
        } finally {
            free(endpoint);
        }
    }

    /**
     * Starts a reserved session on the calling thread (its requests go out and are answered without
     * a thread waiting): a request handler calls this once its answer has left
     * ({@link org.gatehouse.coap.BlockingRequestHandler.Answer}). Its end is recorded on the thread
     * that saw it end when the storage writes sessions behind, else on the executor.
     *
     * @return its outcome, as logged
     */
    CompletableFuture<String> start(String endpoint, long sessionId, Session.Sender sender, List<Step> steps) {
        return start(endpoint, sessionId, sender, steps, null);
    }

    /** As {@link #start(String, long, Session.Sender, List)}; {@code afterEnd} runs on the executor once the end is recorded. */
    CompletableFuture<String> start(String endpoint, long sessionId, Session.Sender sender, List<Step> steps, Runnable afterEnd) {
        Session session = new Session(endpoint, sessionId, sender, steps, storage, requestTimeout);
        running.put(endpoint, session);
        CompletableFuture<String> outcome;
        try {
            outcome = session.run();
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        Executor ender = afterEnd == null && storage.writesSessionsBehind() ? Runnable::run : this::runAnyway;
        return outcome
            .orTimeout(sessionTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .handle((done, error) -> {
                if (error != null) {
                    session.stop();
                    return error instanceof TimeoutException || error.getCause() instanceof TimeoutException
                        ? "abandoned: the session took longer than " + sessionTimeout.toSeconds() + " s"
                        : "failed: " + error;
                }
                return done;
            })
            .thenApplyAsync(done -> {
                end(endpoint, session, done);
                if (afterEnd != null) {
                    afterEnd.run();
                }
                return done;
            }, ender);
    }

    /** On the executor, or here when it stopped taking work: an end is always recorded. */
    private void runAnyway(Runnable r) {
        try {
            executor.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }

    /**
     * Renews the claim of every session running here; called at a fraction of the lease. A claim
     * another node took over (this node's renewals did not reach the database for a whole lease, and
     * that node logged the session abandoned) stops its session: an endpoint is not run on two nodes
     * for longer than that.
     */
    void renewClaims() {
        running.forEach((endpoint, session) -> {
            // under the session's lock, so that a session ending meanwhile is not claimed again after its release
            synchronized (session) {
                if (running.get(endpoint) != session) {
                    return;
                }
                try {
                    if (!storage.claim(endpoint, node, claimLease)) {
                        LOG.warn("Bootstrap session {} of {}: another node took its claim over; stopped", session.id(), endpoint);
                        session.stop();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Bootstrap session {} of {}: could not renew its claim: {}", session.id(), endpoint, e.getMessage());
                }
            }
        });
    }

    private void end(String endpoint, Session session, String outcome) {
        synchronized (session) {
            running.remove(endpoint, session);
        }
        try {
            storage.sessionEndedAndReleased(session.id(), outcome, endpoint, node);
        } catch (RuntimeException e) {
            LOG.warn("Bootstrap session {} of {}: could not record its end '{}': {}", session.id(), endpoint, outcome, e.getMessage());
        } finally {
            free(endpoint);
        }
        if (outcome.equals("success")) {
            LOG.debug("Bootstrap session {} of {} succeeded", session.id(), endpoint);
        } else {
            LOG.warn("Bootstrap session {} of {}: {}", session.id(), endpoint, outcome);
        }
    }

    int active() {
        return running.size();
    }

    /** Stops every running session after its current request; their ends are still logged. */
    @Override
    public void close() {
        running.values().forEach(Session::stop);
    }
}
