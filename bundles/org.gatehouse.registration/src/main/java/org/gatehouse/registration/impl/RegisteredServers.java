package org.gatehouse.registration.impl;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.client.RegistrationGuard;
import org.gatehouse.lwm2m.client.RegistrationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers the client is registered with: each one's session and its next Update. An Update that
 * fails (or that a guard vetoes) drops the registration, and the owner registers again. Every change
 * runs on the registration scheduler, so updates of one server never overlap.
 */
final class RegisteredServers {

    private static final Logger LOG = LoggerFactory.getLogger(RegisteredServers.class);

    /** What the registration procedure provides: guards, the current accounts and object list, a new Register. */
    interface Owner {
        boolean vetoed(int ssid, RegistrationGuard.Operation operation);

        Accounts.Account account(int ssid);

        byte[] payload();

        /** Register with the server again, after {@code delaySeconds}. */
        void registerAgain(Accounts.Account account, long delaySeconds);
    }

    private final Map<Integer, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Map<Integer, ScheduledFuture<?>> updates = new ConcurrentHashMap<>();
    private final Map<Integer, String> lastErrors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final Owner owner;

    RegisteredServers(ScheduledExecutorService scheduler, Owner owner) {
        this.scheduler = scheduler;
        this.owner = owner;
    }

    boolean isEmpty() {
        return sessions.isEmpty();
    }

    int size() {
        return sessions.size();
    }

    void error(int ssid, String error) {
        lastErrors.put(ssid, error);
    }

    void clearError(int ssid) {
        lastErrors.remove(ssid);
    }

    String lastError(int ssid, String otherwise) {
        return lastErrors.getOrDefault(ssid, otherwise);
    }

    /** What {@code bootstrap:status} and {@code lwm2m:servers} show for an account. */
    RegistrationStatus.Server status(Accounts.Account account) {
        ServerSession s = sessions.get(account.server().ssid());
        return s != null ? s.status() : new RegistrationStatus.Server(account.server().ssid(), account.security().uri(), false, "", null,
            lastErrors.getOrDefault(account.server().ssid(), ""));
    }

    void registered(ServerSession session) {
        ServerSession previous = sessions.put(session.ssid(), session);
        if (previous != null && previous != session) {
            previous.close();
        }
        scheduleUpdate(session);
    }

    /** The object list changed: an Update carrying it goes to each registered server that was sent another one. */
    void objectsChanged() {
        try {
            scheduler.execute(() -> {
                byte[] now = owner.payload();
                sessions.values().stream().filter(s -> s.objectsDiffer(now)).forEach(s -> update(s.ssid()));
            });
        } catch (RejectedExecutionException e) {
            // stopping: the servers are being de-registered
        }
    }

    /** /1/x/8 Registration Update Trigger. */
    void updateNow(int ssid) {
        scheduler.execute(() -> update(ssid));
    }

    /** /1/x/4 Disable: after the Execute's 2.04 has left, since a server cancels its pending requests on De-register. */
    void disable(int ssid, long seconds) {
        scheduler.schedule(() -> {
            ServerSession s = sessions.get(ssid);
            if (s == null) {
                return;
            }
            s.deregister();
            drop(s);
            LOG.info("Server {} disabled for {} s", ssid, seconds);
            Accounts.Account account = owner.account(ssid);
            if (account != null) {
                owner.registerAgain(account, seconds);
            }
        }, 200, TimeUnit.MILLISECONDS);
    }

    /** A DM write changed the Server object (e.g. a lifetime): the server may need an Update. */
    void configurationChanged(int ssid) {
        scheduler.execute(() -> {
            ServerSession session = sessions.get(ssid);
            Accounts.Account now = owner.account(ssid);
            if (session == null || now == null) {
                return;
            }
            if (session.updateSettings(now) == ResponseCode.CHANGED) {
                scheduleUpdate(session); // the new lifetime sets the next Update
            } else {
                update(ssid);
            }
        });
    }

    private void scheduleUpdate(ServerSession session) {
        ScheduledFuture<?> previous = updates.put(session.ssid(),
            scheduler.schedule(() -> update(session.ssid()), session.updateDelaySeconds(), TimeUnit.SECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** A failed Update means the registration is gone: Register again under the retry resources, then /1/x/16. */
    private void update(int ssid) {
        ServerSession session = sessions.get(ssid);
        if (session == null) {
            return;
        }
        if (owner.vetoed(ssid, RegistrationGuard.Operation.UPDATE)) {
            drop(session);
            return;
        }
        byte[] objects = owner.payload();
        ResponseCode code = session.update(session.objectsDiffer(objects) ? objects : null); // the object list only when it changed
        if (code == ResponseCode.CHANGED) {
            scheduleUpdate(session);
            return;
        }
        LOG.warn("Update with server {} failed ({}); registering again", ssid, code == null ? session.status().lastError() : code);
        lastErrors.put(ssid, session.status().lastError());
        drop(session);
        Accounts.Account account = owner.account(ssid);
        if (account != null) {
            owner.registerAgain(account, 0);
        }
    }

    private void drop(ServerSession session) {
        sessions.remove(session.ssid(), session);
        Optional.ofNullable(updates.remove(session.ssid())).ifPresent(f -> f.cancel(false));
        session.close();
    }

    /** Cancels every pending Update and de-registers from every server, each waited for at most {@code limit}. */
    void deregisterAll(Duration limit) {
        updates.values().forEach(f -> f.cancel(false));
        updates.clear();
        for (Integer ssid : List.copyOf(sessions.keySet())) {
            ServerSession s = sessions.remove(ssid);
            if (s != null) {
                s.deregister(limit);
                s.close();
            }
        }
    }
}
