package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.Test;

/** Update before the lifetime ends, and Disable with its timeout, as Leshan's server sees them. */
class RegistrationLifecycleTest extends WithLeshan {

    private final java.util.List<String> events = new CopyOnWriteArrayList<>();

    private Registration registered(String ep, int lifetime) throws Exception {
        var config = Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP));
        config.servers.get(0).lifetime = lifetime;
        leshan.bootstrapConfigs.add(ep, config);
        leshan.server.getRegistrationService().addListener(new RegistrationListener() {
            @Override
            public void registered(Registration r, Registration previous, java.util.Collection<Observation> observations) {
                events.add("registered");
            }

            @Override
            public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
                events.add("updated");
            }

            @Override
            public void unregistered(Registration r, java.util.Collection<Observation> observations, boolean expired, Registration newReg) {
                events.add(expired ? "expired" : "unregistered");
            }
        });
        TestGateway gw = gateway(ep, Map.of("attempts", 1));
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        assertEquals(Phase.REGISTERED, gw.runSequence(Duration.ofSeconds(30)));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
        Registration r = leshan.server.getRegistrationService().getByEndpoint(ep);
        assertNotNull(r);
        return r;
    }

    private void await(String event, int count, Duration timeout) {
        org.awaitility.Awaitility.await(count + " x '" + event + "' in " + events).atMost(timeout)
            .until(() -> events.stream().filter(event::equals).count() >= count);
    }

    @Test
    void updates_arrive_before_the_lifetime_ends() throws Exception {
        registered("gw-update", 6);
        await("updated", 2, Duration.ofSeconds(12));
        assertTrue(!events.contains("expired"), events.toString());
    }

    @Test
    void disable_deregisters_then_registers_again_after_the_timeout() throws Exception {
        Registration r = registered("gw-disable", 300);
        assertEquals(ResponseCode.CHANGED, leshan.server.send(r, new WriteRequest(1, 0, 5, 1L), 5000).getCode());
        assertEquals(ResponseCode.CHANGED, leshan.server.send(r, new ExecuteRequest(1, 0, 4), 5000).getCode());
        await("unregistered", 1, Duration.ofSeconds(5));
        await("registered", 2, Duration.ofSeconds(10));
    }
}
