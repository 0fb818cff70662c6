package org.gatehouse.bootstrap.itest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/** Given-builders: the gateway's bootstrap-server account, and the configuration Leshan's bootstrap server hands out. */
public final class Accounts {
    private Accounts() {
    }

    public static LwM2mObjectInstance bootstrapAccount(int id, String uri, String pskIdentity, byte[] psk) {
        return bootstrapAccount(id, uri, pskIdentity, psk, 0);
    }

    /** A bootstrap-server account whose /0/x/11 Client Hold Off Time is {@code holdOffSeconds}. */
    public static LwM2mObjectInstance bootstrapAccount(int id, String uri, String pskIdentity, byte[] psk, long holdOffSeconds) {
        List<LwM2mResource> r = new ArrayList<>(List.of(SingleResource.of(0, Value.string(uri)), SingleResource.of(1, Value.bool(true)),
            SingleResource.of(2, Value.integer(psk == null ? 3 : 0)), SingleResource.of(11, Value.integer(holdOffSeconds))));
        if (psk != null) {
            r.add(SingleResource.of(3, Value.opaque(pskIdentity.getBytes(StandardCharsets.UTF_8))));
            r.add(SingleResource.of(5, Value.opaque(psk)));
        }
        r.add(SingleResource.of(4, Value.opaque(new byte[0])));
        if (psk == null) {
            r.add(SingleResource.of(3, Value.opaque(new byte[0])));
            r.add(SingleResource.of(5, Value.opaque(new byte[0])));
        }
        return LwM2mObjectInstance.of(id, r);
    }

    /** A NoSec server account's Security instance: {@code uri} and Short Server ID {@code ssid}. */
    public static LwM2mObjectInstance serverSecurity(int id, String uri, int ssid) {
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.string(uri)), SingleResource.of(1, Value.bool(false)),
            SingleResource.of(2, Value.integer(3)), SingleResource.of(3, Value.opaque(new byte[0])), SingleResource.of(4, Value.opaque(new byte[0])),
            SingleResource.of(5, Value.opaque(new byte[0])), SingleResource.of(10, Value.integer(ssid)));
    }

    /**
     * A Server instance with the registration resources the tests turn: /1/x/16 Bootstrap on
     * Registration Failure, 17 Communication Retry Count, 18 Retry Timer, 19 Sequence Delay Timer
     * (20 Sequence Retry Count keeps its default, 1).
     */
    public static LwM2mObjectInstance server(int id, int ssid, int lifetime, boolean bootstrapOnFailure, long retries, long retryTimer,
            long sequenceDelay) {
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.integer(ssid)), SingleResource.of(1, Value.integer(lifetime)),
            SingleResource.of(6, Value.bool(false)), SingleResource.of(7, Value.string("U")), SingleResource.of(16, Value.bool(bootstrapOnFailure)),
            SingleResource.of(17, Value.unsigned(retries)), SingleResource.of(18, Value.unsigned(retryTimer)),
            SingleResource.of(19, Value.unsigned(sequenceDelay)));
    }

    /** Deletes everything, keeps a bootstrap-server account, adds one server account per uri (SSID 101, 102, ...). */
    public static BootstrapConfig config(String bootstrapUri, ContentFormat format, String pskIdentity, byte[] psk, String... serverUris) {
        BootstrapConfig c = new BootstrapConfig();
        c.contentFormat = format;
        c.toDelete = List.of("/0", "/1");
        BootstrapConfig.ServerSecurity bs = new BootstrapConfig.ServerSecurity();
        bs.uri = bootstrapUri;
        bs.bootstrapServer = true;
        bs.securityMode = psk == null ? SecurityMode.NO_SEC : SecurityMode.PSK;
        bs.publicKeyOrId = psk == null ? new byte[0] : pskIdentity.getBytes(StandardCharsets.UTF_8);
        bs.serverPublicKey = new byte[0];
        bs.secretKey = psk == null ? new byte[0] : psk;
        bs.clientOldOffTime = 0; // Leshan's spelling; its default (1 s) would only slow each test's Bootstrap-Request
        c.security.put(0, bs);
        for (int n = 0; n < serverUris.length; n++) {
            BootstrapConfig.ServerSecurity s = new BootstrapConfig.ServerSecurity();
            s.uri = serverUris[n];
            s.bootstrapServer = false;
            boolean secure = serverUris[n].startsWith("coaps");
            s.securityMode = secure ? SecurityMode.PSK : SecurityMode.NO_SEC;
            s.publicKeyOrId = secure ? pskIdentity.getBytes(StandardCharsets.UTF_8) : new byte[0];
            s.serverPublicKey = new byte[0];
            s.secretKey = secure ? psk : new byte[0];
            s.serverId = 101 + n;
            c.security.put(1 + n, s);
            BootstrapConfig.ServerConfig server = new BootstrapConfig.ServerConfig();
            server.shortId = 101 + n;
            server.lifetime = 300;
            server.binding = EnumSet.of(BindingMode.U);
            c.servers.put(n, server);
        }
        return c;
    }
}
