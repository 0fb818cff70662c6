package org.gatehouse.lwm2m.server.impl;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.server.DeviceManager;
import org.gatehouse.lwm2m.server.DeviceObservation;
import org.gatehouse.lwm2m.server.DeviceResult;
import org.gatehouse.lwm2m.server.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device management over the listener the device registered through, in its DTLS session when it
 * has one; every request goes through the queue, which holds it while a queue-mode device sleeps.
 */
final class DeviceRequests implements DeviceManager {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRequests.class);

    private final Registrations registry;
    private final RequestQueue queue;
    private final Function<Registration, Listener> listeners;
    private final Results results;
    private final Duration timeout;
    private final Clock clock;
    private final Map<Integer, Observed> observations = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    DeviceRequests(Registrations registry, RequestQueue queue, Function<Registration, Listener> listeners, Results results, Duration timeout,
            Clock clock) {
        this.registry = registry;
        this.queue = queue;
        this.listeners = listeners;
        this.results = results;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public CompletionStage<DeviceResult> read(String endpoint, String path) {
        return request(endpoint, path, "Read", p -> CoapRequest.of(Method.GET, p));
    }

    @Override
    public CompletionStage<DeviceResult> write(String endpoint, String path, String value) {
        return request(endpoint, path, "Write", p -> {
            if (!LwM2mPath.parse(path).isResource()) {
                throw new IllegalArgumentException("write takes a resource path such as /3/0/14, not " + path);
            }
            return CoapRequest.of(Method.PUT, p).withPayload(ContentFormat.TEXT.code(), value.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Override
    public CompletionStage<DeviceResult> execute(String endpoint, String path, String arguments) {
        return request(endpoint, path, "Execute", p -> {
            CoapRequest r = CoapRequest.of(Method.POST, p);
            return arguments == null || arguments.isEmpty() ? r : r.withPayload(CoapRequest.NONE, arguments.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Override
    public CompletionStage<DeviceResult> discover(String endpoint, String path) {
        return request(endpoint, path, "Discover", p -> CoapRequest.of(Method.GET, p).withAccept(ContentFormat.LINK.code()));
    }

    private CompletionStage<DeviceResult> request(String endpoint, String path, String op, Function<String, CoapRequest> build) {
        try {
            Registration device = device(endpoint);
            LwM2mPath p = LwM2mPath.parse(path);
            CoapRequest req = build.apply(onDevice(device, p));
            LOG.debug("{} {} on {}", op, p, endpoint);
            return queue.submit(device, op + " " + p, () -> listeners.apply(device).send(device.peer(), req, timeout))
                .thenApply(response -> results.of(p, response));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<DeviceObservation> observe(String endpoint, String path, Consumer<DeviceResult> notifications) {
        try {
            Registration device = device(endpoint);
            LwM2mPath p = LwM2mPath.parse(path);
            int id = ids.incrementAndGet();
            Observed o = new Observed(id, endpoint, p.toString(), () -> observations.remove(id));
            CoapRequest req = CoapRequest.of(Method.GET, onDevice(device, p));
            Consumer<org.gatehouse.coap.CoapResponse> each = response -> {
                queue.woke(endpoint); // a notification shows a queue-mode device is listening
                DeviceResult r = results.of(p, response);
                o.notified(clock.instant(), r);
                notifications.accept(r);
            };
            return queue.submit(device, "Observe " + p, () -> listeners.apply(device).observe(device.peer(), req, timeout, each))
                .thenApply(observation -> {
                    o.started(observation, results.of(p, observation.response()));
                    if (observation.active()) {
                        observations.put(id, o);
                        LOG.info("Observing {} on {} (#{})", p, endpoint, id);
                    }
                    return o;
                });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<DeviceObservation> observations() {
        return observations.values().stream().sorted(Comparator.comparingInt(Observed::id)).map(DeviceObservation.class::cast).toList();
    }

    /** The device's registration ended: its observations end with it. */
    void forget(String endpoint) {
        observations.values().stream().filter(o -> o.endpoint().equals(endpoint)).forEach(Observed::cancel);
    }

    private Registration device(String endpoint) {
        return registry.find(endpoint).orElseThrow(() -> new IllegalArgumentException("no device registered as '" + endpoint + "'"));
    }

    /** The path on the device: below its alternate root path when it announced one. */
    private static String onDevice(Registration device, LwM2mPath path) {
        String root = device.rootPath().endsWith("/") ? device.rootPath().substring(0, device.rootPath().length() - 1) : device.rootPath();
        return root + (path.isRoot() ? "/" : path.toString());
    }
}
