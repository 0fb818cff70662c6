package org.gatehouse.lwm2m.server.impl;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.TransportException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.link.LinkCodec;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.server.DeviceCredentials;
import org.gatehouse.lwm2m.server.DeviceManager;
import org.gatehouse.lwm2m.server.DeviceObservation;
import org.gatehouse.lwm2m.server.DeviceRegistry;
import org.gatehouse.lwm2m.server.DeviceResult;
import org.gatehouse.lwm2m.server.Registration;
import org.gatehouse.lwm2m.server.RegistryListener;
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
 * The LwM2M server: binds CoAP and CoAPs on the configured address, answers the Registration
 * interface, sweeps lapsed registrations, and offers device management. Changing the configuration
 * rebinds (DS deactivates and activates again), which drops the in-memory registrations: the devices
 * register again at their next Update (4.04).
 */
@Component(service = {DeviceRegistry.class, DeviceManager.class}, configurationPid = LwM2mServerComponent.PID, immediate = true)
@Designate(ocd = LwM2mServerComponent.Config.class)
public final class LwM2mServerComponent implements DeviceRegistry, DeviceManager {

    static final String PID = "org.gatehouse.lwm2m.server";
    private static final Logger LOG = LoggerFactory.getLogger(LwM2mServerComponent.class);

    @ObjectClassDefinition(name = "Gatehouse LwM2M server", description = "The LwM2M server for the devices behind the gateway")
    public @interface Config {
        @AttributeDefinition(description = "Bind the server's ports; when false the services exist but no device can register")
        boolean enabled() default true;

        @AttributeDefinition(description = "Local address to bind; loopback by default, set the gateway's LAN address (or 0.0.0.0) for real devices")
        String address() default "127.0.0.1";

        @AttributeDefinition(description = "Plain CoAP (NoSec) port; 0 picks a free port, -1 disables NoSec")
        int coap_port() default 5685;

        @AttributeDefinition(description = "CoAP over DTLS (PSK) port; 0 picks a free port, -1 disables DTLS")
        int coaps_port() default 5686;

        @AttributeDefinition(description = "RPK and X.509: the server's own private key, PKCS#8 DER file (relative to the gateway's folder); "
            + "with rpk.public.key.file, DTLS accepts RPK devices besides PSK ones; with x509.certificate.file, X.509 devices too")
        String rpk_private_key_file() default "";

        @AttributeDefinition(description = "RPK: the server's own public key, SubjectPublicKeyInfo DER file, shown to RPK devices")
        String rpk_public_key_file() default "";

        @AttributeDefinition(description = "X.509: the server's own certificate, DER file, shown to X.509 devices (RPK devices are shown its key); "
            + "its private key is rpk.private.key.file")
        String x509_certificate_file() default "";

        @AttributeDefinition(description = "X.509: certificates (DER files) a device certificate must chain up to; its subject CN must be "
            + "an endpoint with an X.509 credential")
        String[] x509_trust_anchor_files() default {};

        @AttributeDefinition(description = "Seconds a registration outlives its lifetime before it is dropped (network delay of the Update)")
        long lifetime_grace() default 15;

        @AttributeDefinition(description = "Seconds a queue-mode device listens after it sent something (LwM2M: CoAP MAX_TRANSMIT_WAIT, 93 s)")
        long queue_awake_time() default 93;

        @AttributeDefinition(description = "Seconds a request for a sleeping queue-mode device is held before it fails")
        long queue_request_timeout() default 600;

        @AttributeDefinition(description = "Milliseconds to wait for a device's answer (retransmissions included)")
        long request_timeout() default 10000;

        @AttributeDefinition(description = "Milliseconds between two sweeps for lapsed registrations and held requests that timed out")
        long sweep_interval() default 1000;
    }

    private final Registrations registry;
    private final RequestQueue queue;
    private final DeviceRequests requests;
    private final Map<Integer, ContentCodec> codecs = new ConcurrentHashMap<>();
    private final List<DeviceCredentials> credentials = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gatehouse-lwm2m-server"));
    private final Listener coap;
    private final Listener coaps;

    @Activate
    public LwM2mServerComponent(@Reference CoapTransport transport, @Reference ModelRegistry models, @Reference LinkCodec links, Config config)
            throws TransportException {
        Clock clock = Clock.systemUTC();
        registry = new Registrations(clock, Duration.ofSeconds(config.lifetime_grace()));
        queue = new RequestQueue(clock, Duration.ofSeconds(config.queue_awake_time()), Duration.ofSeconds(config.queue_request_timeout()));
        Authorizer authorizer = new Authorizer(() -> credentials);
        requests = new DeviceRequests(registry, queue, this::listenerOf, new Results(codecs, models), Duration.ofMillis(config.request_timeout()),
            clock);
        registry.addListener(new Lifecycle());
        if (!config.enabled()) {
            LOG.info("LwM2M server disabled by configuration ({} enabled=false)", PID);
            coap = null;
            coaps = null;
            return;
        }
        RdHandler handler = new RdHandler(registry, new RequestParser(links), authorizer);
        coap = bind(transport, config.coap_port(), config.address(), ListenSpec::coap, handler);
        try {
            ListenSecurity.Dtls dtls = DtlsSecurity.of(config, authorizer);
            coaps = bind(transport, config.coaps_port(), config.address(), (name, addr) -> new ListenSpec(name, addr, dtls), handler);
        } catch (TransportException | RuntimeException e) {
            if (coap != null) {
                coap.close(); // DS will not call deactivate after a failed activation
            }
            throw e;
        }
        sweeper.scheduleWithFixedDelay(this::sweep, config.sweep_interval(), config.sweep_interval(), TimeUnit.MILLISECONDS);
    }

    private Listener bind(CoapTransport transport, int port, String address, java.util.function.BiFunction<String, InetSocketAddress, ListenSpec> spec,
            RdHandler handler) throws TransportException {
        if (port < 0) {
            return null;
        }
        try {
            Listener l = transport.listen(spec.apply("LwM2M server", new InetSocketAddress(InetAddress.getByName(address), port)), handler);
            LOG.info("LwM2M server listening on {} ({})", l.localAddress(), l.spec().security());
            return l;
        } catch (UnknownHostException e) {
            throw new TransportException(TransportException.Kind.CONFIGURATION, PID + ": address " + address + " is not a local address", e);
        }
    }

    /** Registration events the server itself acts on: wake the queue, end what a gone device leaves behind. */
    private final class Lifecycle implements RegistryListener {
        @Override
        public void registered(Registration registration, Registration replaced) {
            if (replaced != null) {
                requests.forget(replaced.endpoint());
            }
            queue.woke(registration.endpoint());
        }

        @Override
        public void updated(Registration before, Registration after) {
            queue.woke(after.endpoint());
        }

        @Override
        public void deregistered(Registration registration) {
            gone(registration, "de-registered");
        }

        @Override
        public void expired(Registration registration) {
            gone(registration, "expired");
        }

        private void gone(Registration r, String why) {
            queue.drop(r.endpoint(), why);
            requests.forget(r.endpoint());
        }
    }

    private void sweep() {
        try {
            registry.sweep();
            queue.sweep();
        } catch (RuntimeException e) {
            LOG.warn("LwM2M server sweep failed; next sweep as scheduled", e);
        }
    }

    private Listener listenerOf(Registration device) {
        Listener l = device.secure() ? coaps : coap;
        if (l == null) {
            throw new IllegalStateException("LwM2M server is not listening for " + device.endpoint());
        }
        return l;
    }

    /** Where plain CoAP is bound, for tests and the shell; empty when it is off. */
    public Optional<InetSocketAddress> coapAddress() {
        return Optional.ofNullable(coap).map(Listener::localAddress);
    }

    /** Where CoAP over DTLS is bound; empty when it is off. */
    public Optional<InetSocketAddress> coapsAddress() {
        return Optional.ofNullable(coaps).map(Listener::localAddress);
    }

    /** Requests held for a sleeping queue-mode device. */
    public List<String> held(String endpoint) {
        return queue.held(endpoint);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addCodec(ContentCodec codec) {
        codecs.put(codec.format().code(), codec);
    }

    public void removeCodec(ContentCodec codec) {
        codecs.remove(codec.format().code(), codec);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addCredentials(DeviceCredentials source) {
        credentials.add(source);
    }

    public void removeCredentials(DeviceCredentials source) {
        credentials.remove(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    @Override
    public void addListener(RegistryListener listener) {
        registry.addListener(listener);
    }

    @Override
    public void removeListener(RegistryListener listener) {
        registry.removeListener(listener);
    }

    @Override
    public List<Registration> devices() {
        return registry.devices();
    }

    @Override
    public Optional<Registration> find(String endpoint) {
        return registry.find(endpoint);
    }

    @Override
    public CompletionStage<DeviceResult> read(String endpoint, String path) {
        return requests.read(endpoint, path);
    }

    @Override
    public CompletionStage<DeviceResult> write(String endpoint, String path, String value) {
        return requests.write(endpoint, path, value);
    }

    @Override
    public CompletionStage<DeviceResult> execute(String endpoint, String path, String arguments) {
        return requests.execute(endpoint, path, arguments);
    }

    @Override
    public CompletionStage<DeviceResult> discover(String endpoint, String path) {
        return requests.discover(endpoint, path);
    }

    @Override
    public CompletionStage<DeviceObservation> observe(String endpoint, String path, Consumer<DeviceResult> notifications) {
        return requests.observe(endpoint, path, notifications);
    }

    @Override
    public List<DeviceObservation> observations() {
        return requests.observations();
    }

    @Deactivate
    public void deactivate() {
        sweeper.shutdownNow();
        registry.devices().forEach(r -> requests.forget(r.endpoint()));
        if (coap != null) {
            coap.close();
        }
        if (coaps != null) {
            coaps.close();
        }
        LOG.info("LwM2M server stopped; {} registration(s) dropped", registry.devices().size());
    }
}
