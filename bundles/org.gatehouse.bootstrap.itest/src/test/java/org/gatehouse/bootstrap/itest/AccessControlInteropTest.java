package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.registration.Registration;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.Test;

/**
 * Two Leshan servers and the ACL instances Leshan's bootstrap server writes: server 101 owns /3/0,
 * server 102 may only read it; neither may touch what no ACL instance covers.
 */
class AccessControlInteropTest extends WithLeshan {

    private static BootstrapConfig.ACLConfig acl(int objectId, int instanceId, Map<Integer, Long> rights, int owner) {
        BootstrapConfig.ACLConfig a = new BootstrapConfig.ACLConfig();
        a.objectId = objectId;
        a.objectInstanceId = instanceId;
        a.acls = rights;
        a.AccessControlOwner = owner;
        return a;
    }

    @Test
    void rights_follow_the_acl_instances_when_there_are_two_servers() throws Exception {
        String ep = "gw-acl";
        LeshanPeers second = new LeshanPeers();
        try {
            BootstrapConfig config = Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null,
                leshan.serverUri(Protocol.COAP), second.serverUri(Protocol.COAP));
            config.toDelete = List.of("/0", "/1", "/2");
            config.acls.put(0, acl(3, 0, Map.of(102, 1L), 101));
            config.acls.put(1, acl(1, 0, Map.of(), 101));
            config.acls.put(2, acl(1, 1, Map.of(), 102));
            leshan.bootstrapConfigs.add(ep, config);
            TestGateway gw = gateway(ep, Map.of("attempts", 1));
            gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
            assertEquals(Phase.REGISTERED, gw.runSequence(Duration.ofSeconds(30)));
            leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
            Registration at101 = leshan.server.getRegistrationService().getByEndpoint(ep);
            Registration at102 = second.server.getRegistrationService().getByEndpoint(ep);
            assertNotNull(at101);
            assertNotNull(at102);

            assertEquals(ResponseCode.CONTENT, leshan.server.send(at101, new ReadRequest(3, 0), 5000).getCode(), "owner reads");
            assertEquals(ResponseCode.CONTENT, second.server.send(at102, new ReadRequest(3, 0), 5000).getCode(), "ACL[102] = R");
            assertEquals(ResponseCode.UNAUTHORIZED, second.server.send(at102, new WriteRequest(3, 0, 13, new java.util.Date()), 5000).getCode(),
                "no W for 102");
            assertEquals(ResponseCode.CHANGED, leshan.server.send(at101, new WriteRequest(1, 0, 1, 120L), 5000).getCode(), "owner of its Server instance");
            assertEquals(ResponseCode.UNAUTHORIZED, second.server.send(at102, new WriteRequest(1, 0, 1, 120L), 5000).getCode(),
                "102 may not change server 101's account");
        } finally {
            second.close();
        }
    }
}
