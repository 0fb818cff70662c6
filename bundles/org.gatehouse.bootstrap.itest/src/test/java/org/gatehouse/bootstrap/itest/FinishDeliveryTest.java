package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.Test;

/**
 * The answer to Bootstrap-Finish reaches the bootstrap server every time: 50 bootstraps in a row,
 * every other one started by Leshan's server executing /1/0/9, each recorded by Leshan's bootstrap
 * server as ended in success. (The run waiting for Finish used to close the connection before the
 * 2.04 left, and Leshan recorded about one session in three as failed.)
 */
class FinishDeliveryTest extends WithLeshan {

    private static final int ROUNDS = 50;
    private static final Duration T = Duration.ofSeconds(15);

    @Test
    void fifty_bootstraps_in_a_row_each_ended_in_success_on_leshans_side() throws Exception {
        String ep = "gw-finish";
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP)));
        TestGateway gw = gateway(ep, Map.of("attempts", 1, "request_timeout", 5000L, "finish_timeout", 10L));
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        assertEquals(Phase.REGISTERED, gw.runSequence(T));
        leshan.sessions.awaitSuccesses(ep, 1, T);

        for (int n = 2; n <= ROUNDS; n++) {
            Registration before = awaitRegistration(gw, ep, "");
            if (n % 2 == 0) {
                assertEquals(ResponseCode.CHANGED, leshan.server.send(before, new ExecuteRequest(1, 0, 9), 5000).getCode(),
                    "Execute /1/0/9 in round " + n);
            } else {
                gw.coordinator.start(Optional.of(BootstrapMode.CLIENT));
            }
            leshan.sessions.awaitSuccesses(ep, n, T);
            awaitRegistration(gw, ep, before.getId());
        }
        assertEquals(ROUNDS, leshan.sessions.successes(ep));
        assertEquals(List.of(), leshan.sessions.failures());
    }

    /** The registration Leshan's server holds for {@code ep} once it is not {@code previousId} and the gateway is registered. */
    private Registration awaitRegistration(TestGateway gw, String ep, String previousId) {
        Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(5)).until(() -> {
            Registration r = leshan.server.getRegistrationService().getByEndpoint(ep);
            return r != null && !r.getId().equals(previousId) && gw.coordinator.phase() == Phase.REGISTERED;
        });
        Registration r = leshan.server.getRegistrationService().getByEndpoint(ep);
        assertNotNull(r);
        return r;
    }
}
