package org.gatehouse.lwm2m.server.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.gatehouse.lwm2m.server.DeviceManager;
import org.gatehouse.lwm2m.server.DeviceObservation;
import org.gatehouse.lwm2m.server.DeviceRegistry;
import org.gatehouse.lwm2m.server.DeviceResult;
import org.gatehouse.lwm2m.server.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands {@code dm:*} on the devices registered with the gateway's LwM2M server. A command
 * waits for the device's answer up to {@link #WAIT}; an answer that comes later (a sleeping
 * queue-mode device) and every notification go to the list {@code dm:notifications} shows.
 */
// immediate: the notification list is state, and a delayed component would be disposed each time Gogo releases it after a command
@Component(service = DmCommands.class, immediate = true, property = {"osgi.command.scope=dm", "osgi.command.function=devices", "osgi.command.function=device",
    "osgi.command.function=read", "osgi.command.function=write", "osgi.command.function=execute", "osgi.command.function=discover",
    "osgi.command.function=observe", "osgi.command.function=observations", "osgi.command.function=notifications",
    "osgi.command.function=cancel"})
public final class DmCommands {

    static final Duration WAIT = Duration.ofSeconds(15);
    private static final int KEPT = 200;

    private final DeviceRegistry registry;
    private final DeviceManager manager;
    private final Deque<String> events = new ArrayDeque<>();

    @Activate
    public DmCommands(@Reference DeviceRegistry registry, @Reference DeviceManager manager) {
        this.registry = registry;
        this.manager = manager;
    }

    @Descriptor("List the registered devices: endpoint, address, security, LwM2M version, binding, lifetime, objects")
    public String devices() {
        List<Registration> all = registry.devices();
        if (all.isEmpty()) {
            return "no device registered";
        }
        return all.stream().map(r -> String.format("%-24s %-22s %-16s lwm2m %-4s b=%-3s lt=%-6d expires %s  %s", r.endpoint(), r.address(),
            r.security(), r.lwm2mVersion(), r.binding(), r.lifetime().toSeconds(), r.expiry(), String.join(",", r.objects())))
            .collect(Collectors.joining("\n"));
    }

    @Descriptor("Show one device's registration")
    public String device(@Descriptor("endpoint name") String endpoint) {
        return registry.find(endpoint).map(r -> r + "\nregistration /rd/" + r.id() + ", registered " + r.registered() + ", last update "
            + r.lastUpdate() + ", expires " + r.expiry() + (r.queueMode() ? ", queue mode" : "") + "\nroot " + r.rootPath() + ", objects "
            + String.join(" ", r.objects())).orElse("no device registered as '" + endpoint + "'");
    }

    @Descriptor("Read a path on a device, e.g. dm:read sensor-1 /3/0/0")
    public String read(@Descriptor("endpoint name") String endpoint, @Descriptor("LwM2M path") String path) {
        return await("read " + endpoint + " " + path, manager.read(endpoint, path));
    }

    @Descriptor("Write one resource in plain text, e.g. dm:write sensor-1 /3/0/14 +02:00")
    public String write(@Descriptor("endpoint name") String endpoint, @Descriptor("resource path") String path,
            @Descriptor("value as text") String value) {
        return await("write " + endpoint + " " + path, manager.write(endpoint, path, value));
    }

    @Descriptor("Execute a resource, e.g. dm:execute sensor-1 /3/0/4")
    public String execute(@Descriptor("endpoint name") String endpoint, @Descriptor("resource path") String path) {
        return execute(endpoint, path, "");
    }

    @Descriptor("Execute a resource with arguments, e.g. dm:execute sensor-1 /9/0/4 0='v1.2'")
    public String execute(@Descriptor("endpoint name") String endpoint, @Descriptor("resource path") String path,
            @Descriptor("arguments") String arguments) {
        return await("execute " + endpoint + " " + path, manager.execute(endpoint, path, arguments));
    }

    @Descriptor("Discover the objects, instances and attributes under a path, e.g. dm:discover sensor-1 /3")
    public String discover(@Descriptor("endpoint name") String endpoint, @Descriptor("LwM2M path") String path) {
        return await("discover " + endpoint + " " + path, manager.discover(endpoint, path));
    }

    @Descriptor("Observe a path; notifications are listed by dm:notifications, dm:cancel <id> ends it")
    public String observe(@Descriptor("endpoint name") String endpoint, @Descriptor("LwM2M path") String path) {
        CompletionStage<DeviceObservation> started = manager.observe(endpoint, path,
            r -> event(endpoint + " " + path + ": " + r));
        try {
            DeviceObservation o = started.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return o.active() ? "observing #" + o.id() + " " + endpoint + " " + o.path() + ": " + o.response()
                : "refused: " + o.response();
        } catch (TimeoutException e) {
            started.whenComplete((o, x) -> event("observe " + endpoint + " " + path + ": " + (x != null ? failure(x) : "#" + o.id() + " " + o.response())));
            return "no answer yet (a sleeping queue-mode device gets it when it wakes); see dm:notifications";
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Descriptor("List the observations in force")
    public String observations() {
        List<DeviceObservation> all = manager.observations();
        return all.isEmpty() ? "no observation" : all.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    @Descriptor("Cancel an observation by its id (see dm:observations)")
    public String cancel(@Descriptor("observation id") int id) {
        return manager.observations().stream().filter(o -> o.id() == id).findFirst().map(o -> {
            o.cancel();
            return "cancelled " + o;
        }).orElse("no observation #" + id);
    }

    @Descriptor("The last notifications and late answers, oldest first")
    public String notifications() {
        synchronized (events) {
            return events.isEmpty() ? "none yet" : String.join("\n", events);
        }
    }

    private String await(String what, CompletionStage<DeviceResult> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).toString();
        } catch (TimeoutException e) {
            stage.whenComplete((r, x) -> event(what + ": " + (x != null ? failure(x) : r)));
            return "no answer yet (a sleeping queue-mode device gets it when it wakes); see dm:notifications";
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String failure(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return "failed: " + c.getMessage();
    }

    private void event(String line) {
        synchronized (events) {
            events.add(Instant.now() + " " + line);
            while (events.size() > KEPT) {
                events.removeFirst();
            }
        }
    }
}
