package org.gatehouse.registration.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.gatehouse.lwm2m.client.AccountException;
import org.gatehouse.lwm2m.client.BootstrapRequests;
import org.gatehouse.lwm2m.client.Registrar;
import org.gatehouse.lwm2m.client.RegistrationGuard;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.TransportException;
import org.gatehouse.endpoint.EndpointIdentity;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.link.LinkCodec;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.client.RegistrationStatus;
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

/**
 * Registers with every server account, keeps the registrations updated, answers their DM requests.
 * Object handlers (a whiteboard, plus the Server object's own) serve the objects' Execute and checks;
 * one appearing or going sends an Update with the new object list to each registered server.
 */
@Component(service = {Registrar.class, RegistrationStatus.class}, configurationPid = RegistrationComponent.PID)
@Designate(ocd = RegistrationComponent.Config.class)
public final class RegistrationComponent implements Registrar, RegistrationStatus, Executions, RegisteredServers.Owner {

    static final String PID = "org.gatehouse.registration";
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationComponent.class);

    @ObjectClassDefinition(name = "Gatehouse registration", description = "Register / Update / De-register with the LwM2M servers")
    public @interface Config {
        @AttributeDefinition(description = "Milliseconds to wait for a server's answer (retransmissions included)")
        long request_timeout() default 30000;

        @AttributeDefinition(description = "Longest wait between two Register attempts of one sequence, seconds: caps the /1/x/18 "
            + "Communication Retry Timer back-off (timer x 2^(n-1)). The wait between sequences, /1/x/19 Communication Sequence Delay "
            + "Timer, is used as given (default 86400 s; 4294967295 means no further sequence) and is not capped")
        long max_retry_wait() default 600;
    }

    private final ObjectStore store;
    private final CoapTransport transport;
    private final ModelRegistry models;
    private final EndpointIdentity endpoint;
    private final LinkCodec links;
    private final Config config;
    private final Map<Integer, ContentCodec> codecs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gatehouse-registration"));
    private final RegisteredServers sessions = new RegisteredServers(scheduler, this);
    private final RegistrationRuns runs;
    private volatile BootstrapRequests bootstrap;
    private final Guards guards = new Guards();
    private final Handlers handlers;
    private volatile boolean closed;
    // True while registerAll() runs: the sequence decides about bootstrap then, not a background failure.
    private volatile boolean registering;

    @Activate
    public RegistrationComponent(@Reference ObjectStore store, @Reference CoapTransport transport, @Reference ModelRegistry models,
            @Reference EndpointIdentity endpoint, @Reference LinkCodec links, Config config) {
        this.store = store;
        this.transport = transport;
        this.models = models;
        this.endpoint = endpoint;
        this.links = links;
        this.config = config;
        this.runs = new RegistrationRuns(scheduler, config.max_retry_wait(), this::attempt);
        this.handlers = new Handlers(Map.of(ObjectIds.SERVER, new ServerObject(store::snapshot, this)));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addCodec(ContentCodec codec) {
        codecs.put(codec.format().code(), codec);
    }

    public void removeCodec(ContentCodec codec) {
        codecs.remove(codec.format().code(), codec);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
        updated = "updatedHandler")
    public void addHandler(ObjectHandler handler, Map<String, Object> properties) {
        if (handlers.add(handler, properties)) {
            objectsChanged();
        }
    }

    public void updatedHandler(ObjectHandler handler, Map<String, Object> properties) {
        boolean removed = handlers.remove(handler);
        if (handlers.add(handler, properties) || removed) {
            objectsChanged();
        }
    }

    public void removeHandler(ObjectHandler handler, Map<String, Object> properties) {
        if (handlers.remove(handler)) {
            objectsChanged();
        }
    }

    private void objectsChanged() {
        if (!closed) {
            sessions.objectsChanged();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setBootstrap(BootstrapRequests b) {
        bootstrap = b;
    }

    public void unsetBootstrap(BootstrapRequests b) {
        if (bootstrap == b) {
            bootstrap = null;
        }
    }

    /**
     * Registers with the servers in priority order, each under its retry resources, and returns once
     * each is registered or deemed failed (or blocked behind a failed server with /1/x/15 = true).
     * Servers that failed are tried again later (see {@link #retryLater}), except those whose failure
     * makes the sequence fall back to bootstrap: the outcome's {@code bootstrapOnFailure} is true when
     * a failed server has /1/x/16 = true, and the sequence uses it only when no server registered.
     */
    @Override
    public synchronized Outcome registerAll() throws InterruptedException {
        deregisterAll();
        List<Accounts.Account> accounts = Accounts.of(store.snapshot());
        if (accounts.isEmpty()) {
            return new Outcome(0, 0, true, "no server account configured");
        }
        registering = true;
        try {
            List<Accounts.Account> failed = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (Accounts.Account account : accounts) {
                int ssid = account.server().ssid();
                // /1/x/14 Initial Registration Delay Timer: registerAll() runs once per bootstrap, so this is "until the first registration"
                ServerSession session = RegistrationRuns.await(runs.start(account, account.server().initialDelay()));
                if (session != null) {
                    sessions.registered(session);
                    continue;
                }
                failed.add(account);
                errors.add("server " + ssid + ": " + sessions.lastError(ssid, "registration failed"));
                if (account.server().failureBlocks()) {
                    errors.add("server " + ssid + " failed and blocks the servers after it");
                    break;
                }
            }
            boolean bootstrapAllowed = failed.stream().anyMatch(a -> a.server().bootstrapOnFailure());
            for (Accounts.Account a : failed) {
                if (!sessions.isEmpty() || !a.server().bootstrapOnFailure()) {
                    retryLater(a); // a bootstrap follows only for /1/x/16 = true with nothing registered
                }
            }
            return new Outcome(sessions.size(), failed.size(), bootstrapAllowed,
                errors.isEmpty() ? sessions.size() + " registered" : String.join("; ", errors));
        } finally {
            registering = false;
        }
    }

    /** One Register with the account as it is now (a server may have changed its lifetime since); the session, or null. */
    private ServerSession attempt(int ssid) {
        Accounts.Account account = account(ssid);
        if (account == null) {
            sessions.error(ssid, "the account is gone");
            return null;
        }
        if (vetoed(ssid, RegistrationGuard.Operation.REGISTER)) {
            return null;
        }
        ServerSession session;
        try {
            session = new ServerSession(account, transport, handler(ssid), Duration.ofMillis(config.request_timeout()));
        } catch (TransportException | AccountException e) {
            sessions.error(ssid, e.getMessage());
            LOG.warn("Registration with server {} failed: {}", ssid, e.getMessage());
            return null;
        }
        if (session.register(endpoint.name(), payload())) {
            sessions.clearError(ssid);
            return session;
        }
        sessions.error(ssid, session.status().lastError());
        session.close();
        return null;
    }

    @Override
    public Accounts.Account account(int ssid) {
        return Accounts.of(store.snapshot()).stream().filter(a -> a.server().ssid() == ssid).findFirst().orElse(null);
    }

    /**
     * A server deemed failed is tried again after /1/x/19 Communication Sequence Delay Timer, as given
     * (24 h by default), unless its value says no further sequence.
     */
    private void retryLater(Accounts.Account account) {
        int ssid = account.server().ssid();
        if (Retries.of(account.server(), config.max_retry_wait()).noFurtherSequence()) {
            LOG.warn("Server {}: no further registration attempt (/1/x/19 says no further sequence)", ssid);
            return;
        }
        LOG.info("Server {}: registration is tried again in {} s (/1/x/19)", ssid, account.server().sequenceDelay());
        registerAgain(account, account.server().sequenceDelay());
    }

    @Override
    public void registerAgain(Accounts.Account account, long delaySeconds) {
        runs.inBackground(runs.start(account, delaySeconds), account.server().ssid(), sessions::registered, this::failed);
    }

    /**
     * /1/x/16 Bootstrap on Registration Failure, applied per server: a server deemed failed with 16 =
     * true makes the client fall back to client-initiated bootstrap when no server is registered;
     * otherwise (16 = false, or another server still registered) it is tried again later.
     */
    private void failed(int ssid) {
        Accounts.Account account = account(ssid);
        if (account == null) {
            return; // removed meanwhile: nothing to register with
        }
        BootstrapRequests b = bootstrap;
        if (sessions.isEmpty() && !registering && account.server().bootstrapOnFailure() && b != null) {
            LOG.warn("Registration with server {} failed and no server is registered: client-initiated bootstrap (/1/x/16)", ssid);
            b.clientInitiated("registration with server " + ssid + " failed and /1/" + account.server().instanceId() + "/16 is true");
            return;
        }
        retryLater(account);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addGuard(RegistrationGuard guard) {
        guards.add(guard);
    }

    public void removeGuard(RegistrationGuard guard) {
        guards.remove(guard);
    }

    /** A guard's veto: nothing is sent to the server, and the sequence runs again so that the guard's mode applies what changed. */
    @Override
    public boolean vetoed(int ssid, RegistrationGuard.Operation operation) {
        Optional<String> reason = guards.veto(ssid, operation);
        if (reason.isEmpty()) {
            return false;
        }
        LOG.info("{} with server {} vetoed: {}; running the bootstrap sequence again", operation, ssid, reason.get());
        sessions.error(ssid, operation + " vetoed: " + reason.get());
        BootstrapRequests b = bootstrap;
        if (b != null) {
            b.sequence(operation + " with server " + ssid + " vetoed: " + reason.get());
        }
        return true;
    }

    private DeviceManagement handler(int ssid) {
        return new DeviceManagement(ssid, store, models, codecs, links, () -> Accounts.of(store.snapshot()).size(), handlers,
            sessions::configurationChanged);
    }

    @Override
    public byte[] payload() {
        return links.encode(RegisterPayload.links(store.snapshot(), models, handlers.objectIds()));
    }

    // Not synchronized: deactivate must not wait for a registerAll() in its retries.
    @Override
    public void deregisterAll() {
        deregisterAll(Duration.ofMillis(config.request_timeout()));
    }

    /** De-registration while stopping: a server that is gone (or stopping in this same framework) is not waited for long. */
    private static final Duration SHUTDOWN_DEREGISTER = Duration.ofSeconds(2);

    private void deregisterAll(Duration limit) {
        runs.cancelAll();
        sessions.deregisterAll(limit);
    }

    @Override
    public List<Server> servers() {
        List<Server> out = new ArrayList<>();
        for (Accounts.Account a : Accounts.of(store.snapshot())) {
            out.add(sessions.status(a));
        }
        return out;
    }

    @Override
    public void updateNow(int ssid) {
        sessions.updateNow(ssid);
    }

    @Override
    public void disable(int ssid, long seconds) {
        sessions.disable(ssid, seconds);
    }

    @Override
    public void bootstrapTrigger(int ssid) {
        BootstrapRequests b = bootstrap;
        if (b != null) {
            b.serverInitiated(ssid);
        }
    }

    @Deactivate
    public void deactivate() {
        closed = true;
        runs.stop(); // one started from now on is cancelled at once: it must not leave registerAll() waiting
        deregisterAll(SHUTDOWN_DEREGISTER);
        scheduler.shutdownNow();
    }
}
