package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.Operations;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.gatehouse.lwm2m.objects.Outcome;
import org.junit.jupiter.api.Test;

/**
 * An object handler installed while the gateway is registered, as Leshan's server sees it: its object
 * appears in the next Registration Update and goes with the handler, and Leshan's Execute reaches it.
 */
class ObjectHandlerInteropTest extends WithLeshan {

    /** A custom object (in the private range), with a model as a DDF file in etc/models would give it. */
    private static final int VALVE = 32769;
    private static final int OPEN = 1;
    private static final int CLOSE = 2;
    private static final ObjectModel MODEL = new ObjectModel(VALVE, "Valve", "", "1.0", "1.1", "", true, false, ObjectModel.index(List.of(
        ResourceModel.of(0, "State", Operations.R, false, false, ResourceType.STRING),
        ResourceModel.of(OPEN, "Open", Operations.E, false, true, ResourceType.NONE),
        ResourceModel.of(CLOSE, "Close", Operations.E, false, false, ResourceType.NONE))));
    private static final Map<String, Object> PROPERTIES = Map.of(ObjectHandler.OBJECT_ID, VALVE);

    /** The object links of each Update Leshan accepted that carried them. */
    private final List<Set<String>> updates = new CopyOnWriteArrayList<>();
    private final List<String> executed = new CopyOnWriteArrayList<>();

    /** Opens on /32769/x/1; Close is not supported. */
    private final ObjectHandler valve = new ObjectHandler() {
        @Override
        public Outcome execute(int ssid, LwM2mPath path, String arguments) {
            if (path.resourceId() != OPEN) {
                return Outcome.notSupported();
            }
            executed.add(ssid + " " + path + " " + arguments);
            return Outcome.changed();
        }
    };

    private static Set<String> links(Link[] links) {
        return Arrays.stream(links).map(Link::getUriReference).collect(Collectors.toSet());
    }

    private Registration registered(String ep) throws Exception {
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null,
            leshan.serverUri(Protocol.COAP)));
        leshan.server.getRegistrationService().addListener(new RegistrationListener() {
            @Override
            public void registered(Registration r, Registration previous, java.util.Collection<Observation> observations) {
            }

            @Override
            public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
                if (update.getObjectLinks() != null) {
                    updates.add(links(updated.getObjectLinks()));
                }
            }

            @Override
            public void unregistered(Registration r, java.util.Collection<Observation> observations, boolean expired, Registration newReg) {
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

    private Registration registration(String ep) {
        return leshan.server.getRegistrationService().getByEndpoint(ep);
    }

    private void awaitUpdate(int count, String what) {
        org.awaitility.Awaitility.await(what + " in " + updates).atMost(Duration.ofSeconds(10)).until(() -> updates.size() >= count);
    }

    @Test
    void a_handler_installed_at_run_time_adds_its_object_to_the_next_update_and_takes_it_away_when_it_goes() throws Exception {
        Registration r = registered("gw-handler");
        assertFalse(links(r.getObjectLinks()).contains("/" + VALVE), "not registered with the object");

        gateway.addModels(List.of(MODEL));
        gateway.registration.addHandler(valve, PROPERTIES);
        awaitUpdate(1, "an Update carrying the object list");
        assertTrue(updates.get(0).contains("/" + VALVE), "Leshan's registration after the Update: " + updates.get(0));
        assertTrue(updates.get(0).contains("/3/0") && updates.get(0).contains("/1/0"), updates.get(0).toString());
        assertTrue(registration("gw-handler").getSupportedObject().containsKey(VALVE), "Leshan counts the object as supported");
        assertEquals(r.getId(), registration("gw-handler").getId(), "the same registration, updated");

        gateway.registration.removeHandler(valve, PROPERTIES);
        awaitUpdate(2, "a second Update carrying the object list");
        assertFalse(updates.get(1).contains("/" + VALVE), "gone with its handler: " + updates.get(1));
        assertFalse(registration("gw-handler").getSupportedObject().containsKey(VALVE));
    }

    @Test
    void leshans_execute_reaches_the_handler_with_the_server_and_the_arguments() throws Exception {
        registered("gw-execute");
        gateway.addModels(List.of(MODEL));
        gateway.write(LwM2mPath.of(VALVE, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string("closed"))));
        gateway.registration.addHandler(valve, PROPERTIES);
        awaitUpdate(1, "the Update listing /" + VALVE + "/0");
        assertTrue(updates.get(0).contains("/" + VALVE + "/0"), updates.get(0).toString());

        Registration r = registration("gw-execute");
        assertEquals(ResponseCode.CHANGED, leshan.server.send(r, new ExecuteRequest("/" + VALVE + "/0/" + OPEN, "0='fully',1"), 5000).getCode());
        assertEquals(List.of("101 /" + VALVE + "/0/" + OPEN + " 0='fully',1"), executed);
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, leshan.server.send(r, new ExecuteRequest(VALVE, 0, CLOSE), 5000).getCode(),
            "not supported by the handler");

        gateway.registration.removeHandler(valve, PROPERTIES);
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, leshan.server.send(r, new ExecuteRequest(VALVE, 0, OPEN), 5000).getCode(),
            "no handler any more");
        assertEquals(1, executed.size());
    }
}
