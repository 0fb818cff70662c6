package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.lwm2m.client.RegistrationGuard;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.Test;

/**
 * The guard asked before every Register and Update: a veto of an Update means nothing reaches the
 * server, the bootstrap sequence runs again, and the gateway registers anew (what the smartcard mode
 * does when the card changed). Leshan's server must see no Update, then a new registration.
 */
class RegistrationGuardTest extends WithLeshan {

    @Test
    void a_vetoed_update_is_not_sent_and_the_sequence_runs_again() throws Exception {
        String ep = "gw-guard";
        List<String> asked = new CopyOnWriteArrayList<>();
        List<String> leshanSaw = new CopyOnWriteArrayList<>();
        AtomicBoolean vetoNextUpdate = new AtomicBoolean();
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP)));
        leshan.server.getRegistrationService().addListener(new RegistrationListener() {
            @Override
            public void registered(Registration r, Registration previous, java.util.Collection<Observation> observations) {
                leshanSaw.add("registered");
            }

            @Override
            public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
                leshanSaw.add("updated");
            }

            @Override
            public void unregistered(Registration r, java.util.Collection<Observation> observations, boolean expired, Registration newReg) {
                leshanSaw.add("unregistered");
            }
        });
        TestGateway gw = gateway(ep, Map.of("attempts", 1));
        gw.registration.addGuard((ssid, operation) -> {
            asked.add(operation + " " + ssid);
            return operation == RegistrationGuard.Operation.UPDATE && vetoNextUpdate.getAndSet(false)
                ? Optional.of("card data changed (test)") : Optional.empty();
        });
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        assertEquals(Phase.REGISTERED, gw.runSequence(Duration.ofSeconds(30)));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10));
        Registration first = leshan.server.getRegistrationService().getByEndpoint(ep);
        assertEquals(List.of("REGISTER 101"), asked);

        int attempts = gw.coordinator.history().size();
        vetoNextUpdate.set(true);
        assertEquals(ResponseCode.CHANGED, leshan.server.send(first, new ExecuteRequest(1, 0, 8), 5000).getCode()); // Update Trigger
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            Registration now = leshan.server.getRegistrationService().getByEndpoint(ep);
            return now != null && !now.getId().equals(first.getId()) && gw.coordinator.phase() == Phase.REGISTERED;
        });
        assertTrue(gw.coordinator.history().size() > attempts, "the bootstrap sequence ran again");
        assertEquals("UPDATE 101", asked.get(1));
        assertEquals("REGISTER 101", asked.get(asked.size() - 1), asked.toString());
        assertTrue(!leshanSaw.contains("updated"), "the vetoed Update never reached Leshan: " + leshanSaw);
        assertNotEquals(first.getId(), leshan.server.getRegistrationService().getByEndpoint(ep).getId());
    }
}
