package org.gatehouse.lwm2m.server.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.lwm2m.server.Registration;
import org.gatehouse.lwm2m.server.RegistryListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrationsTest {

    private final MutableClock clock = new MutableClock();
    private final Registrations registry = new Registrations(clock, Duration.ofSeconds(10));
    private final List<String> events = new ArrayList<>();
    private static final Peer PEER = new Peer(new InetSocketAddress("127.0.0.1", 40000), new PeerIdentity.None());

    @BeforeEach
    void listen() {
        registry.addListener(new RegistryListener() {
            @Override
            public void registered(Registration r, Registration replaced) {
                events.add("registered " + r.endpoint() + (replaced == null ? "" : " replacing " + replaced.id()));
            }

            @Override
            public void updated(Registration before, Registration after) {
                events.add("updated " + after.endpoint());
            }

            @Override
            public void deregistered(Registration r) {
                events.add("deregistered " + r.endpoint());
            }

            @Override
            public void expired(Registration r) {
                events.add("expired " + r.endpoint());
            }
        });
    }

    private static RegisterParams register(String ep, long lifetime) {
        return new RegisterParams(Optional.of(ep), Optional.of("1.1"), Optional.of(Duration.ofSeconds(lifetime)), Optional.empty(),
            Optional.empty(), Optional.of("/"), Optional.of(List.of("/1/0", "/3/0")));
    }

    private static RegisterParams update(Long lifetime) {
        return new RegisterParams(Optional.empty(), Optional.empty(), Optional.ofNullable(lifetime).map(Duration::ofSeconds), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void a_register_is_found_by_endpoint_with_defaults_filled_in() {
        Registration r = registry.register(register("dev-1", 60), PEER);
        assertEquals(Optional.of(r), registry.find("dev-1"));
        assertEquals(List.of("/1/0", "/3/0"), r.objects());
        assertEquals("U", r.binding());
        assertEquals(clock.instant().plusSeconds(60), r.expiry());
        assertEquals(List.of("registered dev-1"), events);
    }

    @Test
    void a_registration_lapses_only_after_lifetime_and_grace() {
        registry.register(register("dev-1", 60), PEER);
        clock.advance(Duration.ofSeconds(70));
        assertEquals(List.of(), registry.sweep(), "lifetime 60 s + grace 10 s: still there at 70 s");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, registry.sweep().size());
        assertEquals(Optional.empty(), registry.find("dev-1"));
        assertEquals(List.of("registered dev-1", "expired dev-1"), events);
    }

    @Test
    void an_update_restarts_the_lifetime_and_keeps_what_it_does_not_say() {
        Registration r = registry.register(register("dev-1", 60), PEER);
        clock.advance(Duration.ofSeconds(50));
        Registration after = registry.update(r.id(), update(null), PEER).orElseThrow();
        assertEquals(r.objects(), after.objects());
        assertEquals(Duration.ofSeconds(60), after.lifetime());
        clock.advance(Duration.ofSeconds(50));
        assertEquals(List.of(), registry.sweep(), "60 s from the Update, not from the Register");
        Registration longer = registry.update(r.id(), update(300L), PEER).orElseThrow();
        assertEquals(Duration.ofSeconds(300), longer.lifetime());
        assertEquals(List.of("registered dev-1", "updated dev-1", "updated dev-1"), events);
    }

    @Test
    void unknown_ids_are_reported_empty() {
        assertEquals(Optional.empty(), registry.update("nope", update(null), PEER));
        assertEquals(Optional.empty(), registry.deregister("nope"));
        assertTrue(events.isEmpty());
    }

    @Test
    void a_second_register_of_an_endpoint_replaces_the_first() {
        Registration first = registry.register(register("dev-1", 60), PEER);
        Registration second = registry.register(register("dev-1", 60), PEER);
        assertNotEquals(first.id(), second.id());
        assertEquals(List.of(second), registry.devices());
        assertEquals(Optional.empty(), registry.byId(first.id()));
        assertEquals("registered dev-1 replacing " + first.id(), events.get(1));
    }

    @Test
    void deregister_removes_and_tells() {
        Registration r = registry.register(register("dev-1", 60), PEER);
        registry.register(register("dev-2", 60), PEER);
        assertEquals(Optional.of(r), registry.deregister(r.id()));
        assertEquals(List.of("dev-2"), registry.devices().stream().map(Registration::endpoint).toList());
        assertEquals("deregistered dev-1", events.get(2));
    }
}
