package org.gatehouse.registration.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.gatehouse.lwm2m.client.AccountException;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.client.RegistrationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registration with one LwM2M server over its own connection: Register, Update, De-register. */
final class ServerSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);

    private volatile Accounts.Account account;
    private final Connection connection;
    private final Duration timeout;
    private volatile String location = "";
    private volatile Instant nextUpdate;
    private volatile String lastError = "";
    // The object list the server last accepted (Register or an Update that carried one).
    private volatile byte[] objects = new byte[0];

    ServerSession(Accounts.Account account, CoapTransport transport, RequestHandler handler, Duration timeout) throws TransportException, AccountException {
        this.account = account;
        this.connection = transport.open(account.security().peer(), handler);
        this.timeout = timeout;
    }

    Accounts.Account account() {
        return account;
    }

    int ssid() {
        return account.server().ssid();
    }

    boolean registered() {
        return !location.isEmpty();
    }

    /** Register; true on 2.01. {@code payload} is the link-format object list. */
    boolean register(String endpoint, byte[] payload) {
        CoapRequest request = CoapRequest.of(Method.POST, "/rd").withQuery(List.of("ep=" + endpoint, "lt=" + account.server().lifetime(),
            "lwm2m=" + ModelLookup.ENABLER_VERSION, "b=" + account.server().binding())).withPayload(ContentFormat.LINK.code(), payload);
        try {
            CoapResponse response = connection.send(request, timeout);
            if (response.code() != ResponseCode.CREATED || response.locationPath().isEmpty()) {
                lastError = "Register answered " + response;
                LOG.warn("Server {} ({}) refused the registration: {}", ssid(), account.security().uri(), response);
                return false;
            }
            location = response.locationPath();
            objects = payload.clone();
            scheduleNext();
            lastError = "";
            LOG.info("Registered with server {} ({}) as {}", ssid(), account.security().uri(), location);
            return true;
        } catch (TransportException e) {
            lastError = e.getMessage();
            LOG.warn("Registration with server {} failed: {}", ssid(), e.getMessage());
            return false;
        }
    }

    /** Update; {@code payload} is null when the object list did not change. Returns the response code, or null on transport failure. */
    ResponseCode update(byte[] payload) {
        return update(payload, List.of());
    }

    /** Update carrying the lifetime and binding of {@code changed} when they differ from the registered ones. */
    ResponseCode updateSettings(Accounts.Account changed) {
        List<String> query = new java.util.ArrayList<>();
        if (changed.server().lifetime() != account.server().lifetime()) {
            query.add("lt=" + changed.server().lifetime());
        }
        if (!changed.server().binding().equals(account.server().binding())) {
            query.add("b=" + changed.server().binding());
        }
        account = changed;
        return update(null, query);
    }

    private ResponseCode update(byte[] payload, List<String> query) {
        CoapRequest request = CoapRequest.of(Method.POST, location).withQuery(query);
        if (payload != null) {
            request = request.withPayload(ContentFormat.LINK.code(), payload);
        }
        try {
            CoapResponse response = connection.send(request, timeout);
            if (response.code() == ResponseCode.CHANGED) {
                if (payload != null) {
                    objects = payload.clone();
                }
                scheduleNext();
                lastError = "";
            } else {
                lastError = "Update answered " + response;
                location = "";
            }
            return response.code();
        } catch (TransportException e) {
            lastError = e.getMessage();
            return null;
        }
    }

    /** True when {@code payload} is not the object list the server last accepted: the next Update should carry it. */
    boolean objectsDiffer(byte[] payload) {
        return !java.util.Arrays.equals(objects, payload);
    }

    void deregister() {
        deregister(timeout);
    }

    /** @param limit how long to wait for the server's answer at most (a stopping gateway does not wait out a vanished server) */
    void deregister(Duration limit) {
        if (!registered()) {
            return;
        }
        try {
            CoapResponse response = connection.send(CoapRequest.of(Method.DELETE, location), limit.compareTo(timeout) < 0 ? limit : timeout);
            LOG.info("De-registered from server {}: {}", ssid(), response.code());
        } catch (TransportException e) {
            LOG.info("De-registration from server {} not confirmed: {}", ssid(), e.getMessage());
        }
        location = "";
        nextUpdate = null;
    }

    /** Seconds until the next Update: ahead of the lifetime's end by a tenth of it, at least 5 s early when possible. */
    long updateDelaySeconds() {
        long lifetime = account.server().lifetime();
        if (lifetime <= 0) {
            return 86400; // infinite lifetime: a daily Update keeps NAT bindings honest
        }
        return Math.max(1, lifetime - Math.max(lifetime / 10, Math.min(5, lifetime / 2)));
    }

    private void scheduleNext() {
        nextUpdate = Instant.now().plusSeconds(updateDelaySeconds());
    }

    RegistrationStatus.Server status() {
        return new RegistrationStatus.Server(ssid(), account.security().uri(), registered(), location, nextUpdate, lastError);
    }

    @Override
    public void close() {
        connection.close();
    }
}
