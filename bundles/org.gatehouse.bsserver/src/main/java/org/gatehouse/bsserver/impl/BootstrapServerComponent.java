package org.gatehouse.bsserver.impl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gatehouse.bsserver.BootstrapConfigs;
import org.gatehouse.bsserver.BootstrapServer;
import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.TransportException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.ModelRegistry;
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

/** The bootstrap server: a CoAP and a CoAPs listener answering Bootstrap-Request and Bootstrap-Pack-Request. */
@Component(service = BootstrapServer.class, immediate = true, configurationPid = BootstrapServerComponent.PID)
@Designate(ocd = BootstrapServerComponent.Config.class)
public final class BootstrapServerComponent implements BootstrapServer {

    public static final String PID = "org.gatehouse.bsserver";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapServerComponent.class);

    @ObjectClassDefinition(name = "Gatehouse LwM2M bootstrap server")
    public @interface Config {
        @AttributeDefinition(description = "Local address to bind; the default serves this machine only")
        String address() default "127.0.0.1";

        @AttributeDefinition(description = "CoAP (NoSec) port; 0 picks a free one, -1 disables plain CoAP")
        int coap_port() default 5783;

        @AttributeDefinition(description = "CoAPs (DTLS) port; 0 picks a free one, -1 disables CoAPs")
        int coaps_port() default 5784;

        @AttributeDefinition(description = "Name of this node in the session log and the endpoint claims; empty: the storage's node name")
        String node() default "";

        @AttributeDefinition(description = "Most sessions running at once on this node; more Bootstrap-Requests get 5.03")
        int max_sessions() default 200;

        @AttributeDefinition(description = "Longest a session may run (s); then it is abandoned")
        int session_timeout() default 120;

        @AttributeDefinition(description = "Wait for each answer of the device (s), retransmissions included")
        int request_timeout() default 30;

        @AttributeDefinition(description = "Lease (s) of this node's claim on an endpoint, renewed every third of it while the session "
            + "runs: when a node dies, its endpoints are served by the other nodes once this has passed")
        int claim_lease() default 15;

        @AttributeDefinition(description = "CoAPs private key of the server, PKCS#8 DER file; empty: PSK only")
        String private_key() default "";

        @AttributeDefinition(description = "CoAPs raw public key of the server (SubjectPublicKeyInfo DER file), shown to RPK clients")
        String public_key() default "";

        @AttributeDefinition(description = "CoAPs certificate of the server (DER file), shown to X.509 clients")
        String certificate() default "";

        @AttributeDefinition(description = "Certificates (DER files) that X.509 client certificates must chain up to")
        String[] trust_anchors() default {};
    }

    private final Map<Integer, ContentCodec> codecs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> new Thread(r, "bsserver-sessions"));
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bsserver-claims");
        t.setDaemon(true);
        return t;
    });
    private final Sessions sessions;
    private final String node;
    private final List<Listener> listeners = new ArrayList<>();
    private volatile Listener coap;
    private volatile Listener coaps;
    private final Pusher pusher;

    @Activate
    public BootstrapServerComponent(@Reference CoapTransport transport, @Reference BootstrapStorage storage, @Reference BootstrapConfigs configs,
            @Reference ModelRegistry models, Config config) throws TransportException, IOException {
        this.node = config.node().isEmpty() ? storage.node() : config.node();
        Duration lease = Duration.ofSeconds(Math.max(1, config.claim_lease()));
        this.sessions = new Sessions(storage, node, config.max_sessions(), Duration.ofSeconds(config.session_timeout()),
            Duration.ofSeconds(config.request_timeout()), lease, executor);
        long renewEvery = lease.toMillis() / 3;
        renewals.scheduleWithFixedDelay(sessions::renewClaims, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        // only sessions older than any session may run: a node that stalled for a lease, then went on, ends its own
        Duration orphanAge = Duration.ofSeconds(config.session_timeout()).plus(lease);
        renewals.scheduleWithFixedDelay(() -> endOrphans(storage, orphanAge), lease.toMillis(), lease.toMillis(), TimeUnit.MILLISECONDS);
        Admission admission = new Admission(configs, storage, new ConfigParser(models));
        this.pusher = new Pusher(transport, configs, storage, new ConfigParser(models), sessions, this::codec, models);
        InetAddress address = InetAddress.getByName(config.address());
        try {
            if (config.coap_port() >= 0) {
                coap = listen(transport, new ListenSpec("bootstrap server (CoAP)", new InetSocketAddress(address, config.coap_port()),
                    new ListenSecurity.NoSec()), new BootstrapRequests(admission, storage, sessions, this::codec, models, node));
            }
            if (config.coaps_port() >= 0) {
                coaps = listen(transport, new ListenSpec("bootstrap server (CoAPs)", new InetSocketAddress(address, config.coaps_port()),
                    security(config, new StorageResolver(storage, files(config.trust_anchors())))),
                    new BootstrapRequests(admission, storage, sessions, this::codec, models, node));
            }
        } catch (TransportException | IOException | RuntimeException e) {
            deactivate();
            throw e;
        }
        LOG.info("Bootstrap server {} listening on {}", node, listeners.stream().map(Listener::localAddress).toList());
    }

    /** Sessions a dead node left open, ended by whichever node looks first (one statement each lease). */
    private static void endOrphans(BootstrapStorage storage, Duration age) {
        try {
            int ended = storage.endOrphanedSessions(age);
            if (ended > 0) {
                LOG.info("Ended {} bootstrap sessions as abandoned: their nodes stopped renewing their claims", ended);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for sessions that stopped nodes left open: {}", e.getMessage());
        }
    }

    private Listener listen(CoapTransport transport, ListenSpec spec, BootstrapRequests handler) throws TransportException {
        Listener l = transport.listen(spec, handler);
        handler.bind(l);
        listeners.add(l);
        return l;
    }

    private static ListenSecurity security(Config config, StorageResolver resolver) throws IOException {
        if (config.private_key().isEmpty()) {
            return ListenSecurity.Dtls.psk(resolver);
        }
        byte[] key = Files.readAllBytes(Path.of(config.private_key()));
        if (!config.certificate().isEmpty()) {
            return ListenSecurity.Dtls.x509(resolver, List.of(Files.readAllBytes(Path.of(config.certificate()))), key);
        }
        if (config.public_key().isEmpty()) {
            throw new IOException("private.key is set: also set public.key (RPK) or certificate (X.509)");
        }
        return ListenSecurity.Dtls.rpk(resolver, Files.readAllBytes(Path.of(config.public_key())), key);
    }

    private static List<byte[]> files(String[] paths) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String p : paths) {
            out.add(Files.readAllBytes(Path.of(p)));
        }
        return out;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addCodec(ContentCodec codec) {
        codecs.put(codec.format().code(), codec);
    }

    public void removeCodec(ContentCodec codec) {
        codecs.remove(codec.format().code(), codec);
    }

    private Optional<ContentCodec> codec(int format) {
        return Optional.ofNullable(codecs.get(format));
    }

    @Deactivate
    public void deactivate() {
        renewals.shutdownNow();
        sessions.close();
        listeners.forEach(Listener::close);
        executor.shutdown();
        LOG.info("Bootstrap server {} stopped", node);
    }

    @Override
    public Optional<InetSocketAddress> coapAddress() {
        return Optional.ofNullable(coap).map(Listener::localAddress);
    }

    @Override
    public Optional<InetSocketAddress> coapsAddress() {
        return Optional.ofNullable(coaps).map(Listener::localAddress);
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public int activeSessions() {
        return sessions.active();
    }

    @Override
    public java.util.concurrent.CompletionStage<String> push(String endpoint, java.net.URI device) {
        return pusher.push(endpoint, device);
    }
}
