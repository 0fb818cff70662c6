package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.request.BootstrapReadRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.response.BootstrapReadResponse;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.bootstrap.BootstrapTaskProvider;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leshan's bootstrap server reads /1 and /2 (Bootstrap-Read, 1.1) before it writes, as a server adding an account would. */
class BootstrapReadInteropTest {

    @TempDir
    Path dir;

    @Test
    void leshan_reads_the_server_and_acl_objects_in_senml_cbor_and_tlv() throws Exception {
        List<LwM2mResponse> reads = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (LeshanPeers leshan = new LeshanPeers(standard -> (session, previous) -> {
            int call = calls.getAndIncrement();
            if (call == 0) {
                BootstrapTaskProvider.Tasks t = new BootstrapTaskProvider.Tasks();
                // Leshan takes requests off this list as it sends them: it must be mutable
                t.requestsToSend = new java.util.ArrayList<>(List.of(new BootstrapReadRequest(ContentFormat.SENML_CBOR, 1), new BootstrapReadRequest(ContentFormat.TLV, 2)));
                t.supportedObjects = Map.of(0, "1.1", 1, "1.1", 2, "1.0", 3, "1.1"); // what Leshan otherwise learns from a Discover
                t.last = false;
                return t;
            }
            if (call == 1) {
                reads.addAll(previous);
                return standard.getTasks(session, null);
            }
            return standard.getTasks(session, previous);
        })) {
            String ep = "gw-bsread";
            leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP)));
            try (TestGateway gw = new TestGateway(dir.resolve("store"), ep, Map.of("attempts", 1))) {
                gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
                gw.write(LwM2mPath.of(1, 7), LwM2mObjectInstance.of(7, SingleResource.of(0, Value.integer(7)), SingleResource.of(1, Value.integer(60)),
                    SingleResource.of(6, Value.bool(false)), SingleResource.of(7, Value.string("U"))));
                gw.write(LwM2mPath.of(2, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.integer(3)), SingleResource.of(1, Value.integer(0)),
                    SingleResource.of(3, Value.integer(7))));
                assertEquals(Phase.REGISTERED, gw.runSequence(Duration.ofSeconds(30)));
                leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
                assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
            }
        }
        assertEquals(2, reads.size(), reads.toString());
        BootstrapReadResponse servers = (BootstrapReadResponse) reads.get(0);
        BootstrapReadResponse acl = (BootstrapReadResponse) reads.get(1);
        assertEquals(ResponseCode.CONTENT, servers.getCode());
        assertEquals(60L, ((LwM2mObject) servers.getContent()).getInstance(7).getResource(1).getValue());
        assertEquals(ResponseCode.CONTENT, acl.getCode());
        assertEquals(7L, ((LwM2mObject) acl.getContent()).getInstance(0).getResource(3).getValue());
    }
}
