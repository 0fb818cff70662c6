package org.gatehouse.registration.impl;

import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.lwm2m.client.RegistrationGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registration guards present (they come and go with their mode bundles); the first veto wins. */
final class Guards {

    private static final Logger LOG = LoggerFactory.getLogger(Guards.class);

    private final CopyOnWriteArrayList<RegistrationGuard> guards = new CopyOnWriteArrayList<>();

    void add(RegistrationGuard guard) {
        guards.addIfAbsent(guard);
    }

    void remove(RegistrationGuard guard) {
        guards.remove(guard);
    }

    /** The reason the operation must not be sent, if a guard says so; a guard that throws does not block registration. */
    Optional<String> veto(int ssid, RegistrationGuard.Operation operation) {
        for (RegistrationGuard g : guards) {
            try {
                Optional<String> reason = g.veto(ssid, operation);
                if (reason.isPresent()) {
                    return reason;
                }
            } catch (RuntimeException e) {
                LOG.error("Registration guard {} failed; {} with server {} goes on", g, operation, ssid, e);
            }
        }
        return Optional.empty();
    }
}
