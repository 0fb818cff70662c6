package org.gatehouse.lwm2m.server.impl;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.gatehouse.coap.Peer;
import org.gatehouse.lwm2m.server.DeviceRegistry;
import org.gatehouse.lwm2m.server.Registration;
import org.gatehouse.lwm2m.server.RegistryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrations, in memory, by id and by endpoint; one lock for both maps. Listeners are told
 * after the lock is released. Expiry is a sweep ({@link #sweep()}) the owner schedules, not a timer per device.
 */
final class Registrations implements DeviceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(86400);

    private final Clock clock;
    private final Duration grace;
    private final Map<String, Registration> byId = new HashMap<>();
    private final Map<String, String> idByEndpoint = new HashMap<>();
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    Registrations(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    /** A new registration for the Register {@code p} (whose endpoint is set); replaces the endpoint's earlier one. */
    Registration register(RegisterParams p, Peer peer) {
        Instant now = clock.instant();
        Registration reg;
        Registration replaced;
        synchronized (this) {
            String id = newId();
            reg = new Registration(id, p.endpoint().orElseThrow(), peer, p.lwm2mVersion().orElse("1.0"),
                p.lifetime().orElse(DEFAULT_LIFETIME), p.binding().orElse("U"), p.queueMode().orElse(false), p.rootPath().orElse("/"),
                p.objects().orElse(List.of()), now, now);
            String old = idByEndpoint.put(reg.endpoint(), id);
            replaced = old == null ? null : byId.remove(old);
            byId.put(id, reg);
        }
        LOG.info("LwM2M device registered: {}, {} objects{}", reg, reg.objects().size(),
            replaced == null ? "" : " (replaces registration " + replaced.id() + ")");
        fire(l -> l.registered(reg, replaced));
        return reg;
    }

    /** Applies an Update; empty when the id is unknown. */
    Optional<Registration> update(String id, RegisterParams p, Peer peer) {
        Registration before;
        Registration after;
        synchronized (this) {
            before = byId.get(id);
            if (before == null) {
                return Optional.empty();
            }
            after = new Registration(id, before.endpoint(), peer, before.lwm2mVersion(), p.lifetime().orElse(before.lifetime()),
                p.binding().orElse(before.binding()), p.queueMode().orElse(before.queueMode()), p.rootPath().orElse(before.rootPath()),
                p.objects().orElse(before.objects()), before.registered(), clock.instant());
            byId.put(id, after);
        }
        boolean changed = !before.peer().equals(after.peer()) || !before.lifetime().equals(after.lifetime())
            || !before.binding().equals(after.binding()) || !before.objects().equals(after.objects());
        if (changed) {
            LOG.info("LwM2M device updated: {}, {} objects", after, after.objects().size());
        } else {
            LOG.debug("LwM2M device updated: {}", after);
        }
        fire(l -> l.updated(before, after));
        return Optional.of(after);
    }

    /** Removes a registration at the device's request; empty when the id is unknown. */
    Optional<Registration> deregister(String id) {
        Registration gone = remove(id);
        if (gone != null) {
            LOG.info("LwM2M device deregistered: {}", gone);
            fire(l -> l.deregistered(gone));
        }
        return Optional.ofNullable(gone);
    }

    /** Removes the registrations whose lifetime and grace have passed; returns them. */
    List<Registration> sweep() {
        Instant now = clock.instant();
        List<Registration> expired = new ArrayList<>();
        synchronized (this) {
            for (Registration r : List.copyOf(byId.values())) {
                if (now.isAfter(r.expiry().plus(grace))) {
                    expired.add(remove(r.id()));
                }
            }
        }
        for (Registration r : expired) {
            LOG.info("LwM2M device expired: {} (no Update since {}, lifetime {} s + {} s grace)", r, r.lastUpdate(), r.lifetime().toSeconds(),
                grace.toSeconds());
            fire(l -> l.expired(r));
        }
        return expired;
    }

    synchronized Optional<Registration> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private synchronized Registration remove(String id) {
        Registration r = byId.remove(id);
        if (r != null) {
            idByEndpoint.remove(r.endpoint(), id);
        }
        return r;
    }

    @Override
    public synchronized List<Registration> devices() {
        return byId.values().stream().sorted(Comparator.comparing(Registration::endpoint)).toList();
    }

    @Override
    public synchronized Optional<Registration> find(String endpoint) {
        return Optional.ofNullable(idByEndpoint.get(endpoint)).map(byId::get);
    }

    @Override
    public void addListener(RegistryListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(RegistryListener listener) {
        listeners.remove(listener);
    }

    private void fire(Consumer<RegistryListener> event) {
        for (RegistryListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("Registry listener {} failed; the registry carries on", l, e);
            }
        }
    }

    private String newId() {
        byte[] b = new byte[5];
        String id;
        do {
            random.nextBytes(b);
            id = HexFormat.of().formatHex(b);
        } while (byId.containsKey(id));
        return id;
    }
}
