package org.gatehouse.lwm2m.client;

import static org.gatehouse.lwm2m.model.SecurityResources.BOOTSTRAP_SERVER;
import static org.gatehouse.lwm2m.model.SecurityResources.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT;
import static org.gatehouse.lwm2m.model.SecurityResources.CERTIFICATE_USAGE;
import static org.gatehouse.lwm2m.model.SecurityResources.CLIENT_HOLD_OFF_TIME;
import static org.gatehouse.lwm2m.model.SecurityResources.PUBLIC_KEY_OR_IDENTITY;
import static org.gatehouse.lwm2m.model.SecurityResources.SECRET_KEY;
import static org.gatehouse.lwm2m.model.SecurityResources.SECURITY_MODE;
import static org.gatehouse.lwm2m.model.SecurityResources.SERVER_PUBLIC_KEY;
import static org.gatehouse.lwm2m.model.SecurityResources.SERVER_URI;
import static org.gatehouse.lwm2m.model.SecurityResources.SHORT_SERVER_ID;
import static org.gatehouse.lwm2m.model.SecurityResources.SNI;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;

/**
 * A Security (0) instance read as an account: where the server is and how to reach it.
 *
 * @param ssid 0 for the bootstrap-server account
 * @since 1.0.0
 */
public record SecurityAccount(int instanceId, String uri, boolean bootstrapServer, int securityMode, int ssid,
        long holdOffSeconds, long accountTimeoutSeconds, PeerSecurity security) {

    /** Reads /0/{instance}; an unusable instance gives a message saying which resource is wrong. */
    public static SecurityAccount of(LwM2mObjectInstance i) throws AccountException {
        String where = "/0/" + i.id();
        String uri = string(i, SERVER_URI).orElseThrow(() -> new AccountException(where + "/0 Server URI is missing"));
        boolean bs = value(i, BOOTSTRAP_SERVER).map(Value::asBoolean).orElse(false);
        int mode = value(i, SECURITY_MODE).map(Value::asLong)
            .orElseThrow(() -> new AccountException(where + "/2 Security Mode is missing")).intValue();
        int ssid = value(i, SHORT_SERVER_ID).map(Value::asLong).orElse(0L).intValue();
        PeerSecurity security = switch (mode) {
            case 0 -> new PeerSecurity.Psk(new String(bytes(i, PUBLIC_KEY_OR_IDENTITY), StandardCharsets.UTF_8), bytes(i, SECRET_KEY));
            case 1 -> new PeerSecurity.Rpk(bytes(i, PUBLIC_KEY_OR_IDENTITY), bytes(i, SECRET_KEY), bytes(i, SERVER_PUBLIC_KEY));
            case 2 -> new PeerSecurity.X509(bytes(i, PUBLIC_KEY_OR_IDENTITY), bytes(i, SECRET_KEY), bytes(i, SERVER_PUBLIC_KEY),
                value(i, CERTIFICATE_USAGE).map(Value::asLong).orElse(3L).intValue(), string(i, SNI).orElse(""));
            case 3 -> new PeerSecurity.NoSec();
            default -> throw new AccountException(where + "/2 Security Mode " + mode + " is not supported (0 PSK, 1 RPK, 2 X.509, 3 NoSec)");
        };
        return new SecurityAccount(i.id(), uri, bs, mode, ssid, value(i, CLIENT_HOLD_OFF_TIME).map(Value::asLong).orElse(0L),
            value(i, BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT).map(Value::asLong).orElse(0L), security);
    }

    /** The bootstrap-server account of a configuration, if it has one. */
    public static Optional<SecurityAccount> bootstrapServer(ObjectTree tree) throws AccountException {
        LwM2mObject security = tree.objects().get(ObjectIds.SECURITY);
        if (security != null) {
            for (LwM2mObjectInstance i : security.instances().values()) {
                SecurityAccount a = of(i);
                if (a.bootstrapServer()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    /** The transport's view of this account. */
    public PeerSpec peer() throws AccountException {
        try {
            return new PeerSpec(bootstrapServer ? "bootstrap server" : "server " + ssid, new URI(uri), security);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new AccountException("/0/" + instanceId + "/0: " + e.getMessage());
        }
    }

    private static Optional<Value> value(LwM2mObjectInstance i, int resource) {
        LwM2mResource r = i.resource(resource);
        return r instanceof SingleResource s ? Optional.of(s.value()) : Optional.empty();
    }

    private static Optional<String> string(LwM2mObjectInstance i, int resource) {
        return value(i, resource).map(Value::asString);
    }

    private static byte[] bytes(LwM2mObjectInstance i, int resource) {
        return value(i, resource).map(Value::asBytes).orElse(new byte[0]);
    }
}
