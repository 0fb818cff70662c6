package org.gatehouse.lwm2m.server.impl;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.gatehouse.coap.Observation;
import org.gatehouse.lwm2m.server.DeviceObservation;
import org.gatehouse.lwm2m.server.DeviceResult;

/** One observation the server holds: the transport's Observe plus what the shell shows of it. */
final class Observed implements DeviceObservation {

    private final int id;
    private final String endpoint;
    private final String path;
    private final Runnable forget;
    private final AtomicReference<Notification> last = new AtomicReference<>();
    private volatile Observation observation;
    private volatile DeviceResult response;
    private volatile boolean cancelled;

    Observed(int id, String endpoint, String path, Runnable forget) {
        this.id = id;
        this.endpoint = endpoint;
        this.path = path;
        this.forget = forget;
    }

    void started(Observation o, DeviceResult first) {
        observation = o;
        response = first;
        if (cancelled) {
            o.close();
        }
    }

    void notified(Instant time, DeviceResult result) {
        last.set(new Notification(time, result));
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public DeviceResult response() {
        return response;
    }

    @Override
    public Optional<Notification> last() {
        return Optional.ofNullable(last.get());
    }

    @Override
    public boolean active() {
        Observation o = observation;
        return !cancelled && o != null && o.active();
    }

    @Override
    public void cancel() {
        cancelled = true;
        Observation o = observation;
        if (o != null) {
            o.close();
        }
        forget.run();
    }

    @Override
    public String toString() {
        Notification n = last.get();
        return "#" + id + " " + endpoint + " " + path + (active() ? "" : " (ended)") + (n == null ? "" : ", last " + n.result() + " at " + n.time());
    }
}
