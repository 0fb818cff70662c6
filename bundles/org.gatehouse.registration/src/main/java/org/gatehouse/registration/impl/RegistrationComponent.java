package org.gatehouse.registration.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.gatehouse.bootstrap.BootstrapCoordinator;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.Registrar;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;
import org.gatehouse.endpoint.EndpointIdentity;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.link.LinkCodec;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.registration.RegistrationStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers with every server account, keeps the registrations updated, answers their DM requests. */
@Component(service = {Registrar.class, RegistrationStatus.class}, configurationPid = RegistrationComponent.PID)
@Designate(ocd = RegistrationComponent.Config.class)
public final class RegistrationComponent implements Registrar, RegistrationStatus, Executions {

    static final String PID = "org.gatehouse.registration";
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationComponent.class);

    @ObjectClassDefinition(name = "Gatehouse registration", description = "Register / Update / De-register with the LwM2M servers")
    public @interface Config {
        @AttributeDefinition(description = "Milliseconds to wait for a server's answer (retransmissions included)")
        long request_timeout() default 30000;

        @AttributeDefinition(description = "Longest wait between two registration attempts, seconds (caps /1/x/18 doubling)")
        long max_retry_wait() default 600;
    }

    private final ObjectStore store;
    private final CoapTransport transport;
    private final ModelRegistry models;
    private final EndpointIdentity endpoint;
    private final LinkCodec links;
    private final Config config;
    private final Map<Integer, ContentCodec> codecs = new ConcurrentHashMap<>();
    private final Map<Integer, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Map<Integer, ScheduledFuture<?>> updates = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gatehouse-registration"));
    private volatile BootstrapCoordinator coordinator;
    // Set on deactivate: retries end within 100 ms instead of holding the bundle's stop for minutes.
    private volatile boolean closed;

    @Activate
    public RegistrationComponent(@Reference ObjectStore store, @Reference CoapTransport transport, @Reference ModelRegistry models,
            @Reference EndpointIdentity endpoint, @Reference LinkCodec links, Config config) {
        this.store = store;
        this.transport = transport;
        this.models = models;
        this.endpoint = endpoint;
        this.links = links;
        this.config = config;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addCodec(ContentCodec codec) {
        codecs.put(codec.format().code(), codec);
    }

    public void removeCodec(ContentCodec codec) {
        codecs.remove(codec.format().code(), codec);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setCoordinator(BootstrapCoordinator c) {
        coordinator = c;
    }

    public void unsetCoordinator(BootstrapCoordinator c) {
        if (coordinator == c) {
            coordinator = null;
        }
    }

    @Override
    public synchronized Outcome registerAll() throws InterruptedException {
        deregisterAll();
        List<Accounts.Account> accounts = Accounts.of(store.snapshot());
        if (accounts.isEmpty()) {
            return new Outcome(0, 0, true, "no server account configured");
        }
        int registered = 0;
        int failed = 0;
        boolean bootstrapOnFailure = true;
        List<String> errors = new ArrayList<>();
        for (Accounts.Account account : accounts) {
            ServerSession session = registerWithRetries(account, errors);
            if (session != null) {
                sessions.put(session.ssid(), session);
                scheduleUpdate(session);
                registered++;
                continue;
            }
            failed++;
            bootstrapOnFailure &= account.server().bootstrapOnFailure();
            if (account.server().failureBlocks()) {
                errors.add("server " + account.server().ssid() + " failed and blocks the servers after it");
                break;
            }
        }
        return new Outcome(registered, failed, bootstrapOnFailure, errors.isEmpty() ? registered + " registered" : String.join("; ", errors));
    }

    /** /1/x/20 sequences of /1/x/17 attempts each, /1/x/19 seconds apart (capped like the retries). */
    private ServerSession registerWithRetries(Accounts.Account account, List<String> errors) throws InterruptedException {
        long sequences = Math.max(1, account.server().sequenceRetryCount());
        for (int s = 0; s < sequences; s++) {
            if (s > 0) {
                long wait = Math.min(config.max_retry_wait(), account.server().sequenceDelay());
                LOG.info("Registration with server {}: sequence {} of {} in {} s", account.server().ssid(), s + 1, sequences, wait);
                pause(TimeUnit.SECONDS.toMillis(wait));
            }
            ServerSession session = registerSequence(account, errors, s == 0);
            if (session != null) {
                return session;
            }
        }
        return null;
    }

    private ServerSession registerSequence(Accounts.Account account, List<String> errors, boolean first) throws InterruptedException {
        long attempts = Math.max(1, account.server().retryCount());
        if (first && account.server().initialDelay() > 0) {
            // /1/x/14 Initial Registration Delay Timer: registerAll() runs once per bootstrap, so this is "until the first registration"
            LOG.info("Registration with server {} in {} s (Initial Registration Delay Timer)", account.server().ssid(), account.server().initialDelay());
            pause(TimeUnit.SECONDS.toMillis(account.server().initialDelay()));
        }
        for (int n = 0; n < attempts; n++) {
            if (n > 0) {
                long wait = Math.min(config.max_retry_wait(), account.server().retryTimer() << Math.min(n - 1, 20));
                LOG.info("Registration with server {}: attempt {} of {} in {} s", account.server().ssid(), n + 1, attempts, wait);
                pause(TimeUnit.SECONDS.toMillis(wait));
            }
            ServerSession session;
            try {
                session = new ServerSession(account, transport, handler(account.server().ssid()), Duration.ofMillis(config.request_timeout()));
            } catch (TransportException | BootstrapException e) {
                errors.add("server " + account.server().ssid() + ": " + e.getMessage());
                return null;
            }
            if (session.register(endpoint.name(), payload())) {
                if (closed) {
                    session.deregister();
                    session.close();
                    return null;
                }
                return session;
            }
            errors.add("server " + account.server().ssid() + ": " + session.status().lastError());
            session.close();
        }
        return null;
    }

    private void pause(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (closed) {
                throw new InterruptedException("registration is stopping");
            }
            Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
        }
    }

    private DeviceManagement handler(int ssid) {
        return new DeviceManagement(ssid, store, models, codecs, links, () -> Accounts.of(store.snapshot()).size(), this);
    }

    private byte[] payload() {
        return links.encode(RegisterPayload.links(store.snapshot(), models));
    }

    private void scheduleUpdate(ServerSession session) {
        ScheduledFuture<?> previous = updates.put(session.ssid(),
            scheduler.schedule(() -> update(session.ssid()), session.updateDelaySeconds(), TimeUnit.SECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void update(int ssid) {
        ServerSession session = sessions.get(ssid);
        if (session == null) {
            return;
        }
        ResponseCode code = session.update(null);
        if (code == ResponseCode.CHANGED) {
            scheduleUpdate(session);
            return;
        }
        LOG.warn("Update with server {} failed ({}); registering again", ssid, code == null ? session.status().lastError() : code);
        if (session.register(endpoint.name(), payload())) {
            scheduleUpdate(session);
            return;
        }
        sessions.remove(ssid).close();
        if (sessions.isEmpty() && coordinator != null) {
            coordinator.registrationFailed("server " + ssid + ": " + session.status().lastError());
        }
    }

    // Not synchronized: deactivate must not wait for a registerAll() in its retries.
    @Override
    public void deregisterAll() {
        updates.values().forEach(f -> f.cancel(false));
        updates.clear();
        for (Integer ssid : List.copyOf(sessions.keySet())) {
            ServerSession s = sessions.remove(ssid);
            if (s != null) {
                s.deregister();
                s.close();
            }
        }
    }

    @Override
    public List<Server> servers() {
        List<Server> out = new ArrayList<>();
        for (Accounts.Account a : Accounts.of(store.snapshot())) {
            ServerSession s = sessions.get(a.server().ssid());
            out.add(s != null ? s.status() : new Server(a.server().ssid(), a.security().uri(), false, "", null, ""));
        }
        return out;
    }

    @Override
    public void updateNow(int ssid) {
        scheduler.execute(() -> update(ssid));
    }

    @Override
    public void disable(int ssid, long seconds) {
        // After the Execute's 2.04 has left: a server cancels its pending requests on De-register.
        scheduler.schedule(() -> {
            ServerSession s = sessions.remove(ssid);
            if (s == null) {
                return;
            }
            Optional.ofNullable(updates.remove(ssid)).ifPresent(f -> f.cancel(false));
            s.deregister();
            LOG.info("Server {} disabled for {} s", ssid, seconds);
            scheduler.schedule(() -> {
                if (s.register(endpoint.name(), payload())) {
                    sessions.put(ssid, s);
                    scheduleUpdate(s);
                } else {
                    s.close();
                }
            }, seconds, TimeUnit.SECONDS);
        }, 200, TimeUnit.MILLISECONDS);
    }

    @Override
    public void bootstrapTrigger() {
        BootstrapCoordinator c = coordinator;
        if (c != null) {
            c.start(Optional.of(org.gatehouse.bootstrap.BootstrapMode.CLIENT));
        }
    }

    @Override
    public void configurationChanged(int ssid) {
        scheduler.execute(() -> {
            ServerSession session = sessions.get(ssid);
            Accounts.Account now = Accounts.of(store.snapshot()).stream().filter(a -> a.server().ssid() == ssid).findFirst().orElse(null);
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

    @Deactivate
    public void deactivate() {
        closed = true;
        deregisterAll();
        scheduler.shutdownNow();
    }
}
