package org.gatehouse.bsserver.impl;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.SecurityResources;
import org.gatehouse.lwm2m.model.ServerResources;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Security (0) and Server (1) instances from the "bootstrapAccount" and "servers" sections: the
 * security block of an account becomes resources 2..5 (and 15), the rest are named fields, and
 * "securityResources" / "serverResources" add any other resource by id.
 */
final class Accounts {

    // Security Mode values (/0/x/2), LwM2M TS Core E.1
    static final int MODE_PSK = 0;
    static final int MODE_RPK = 1;
    static final int MODE_X509 = 2;
    static final int MODE_NOSEC = 3;

    private static final byte[] NONE = new byte[0];

    private Accounts() {
    }

    /** A Security instance; {@code ssid} &lt; 0 for the bootstrap-server account. */
    static LwM2mObjectInstance security(int instance, JsonNode account, int ssid, ModelLookup models) {
        String uri = Json.text(account, "uri");
        JsonNode security = account.path("security");
        String mode = security.isMissingNode() ? "nosec" : Json.text(security, "mode");
        String scheme = URI.create(uri).getScheme();
        if (!"coap".equals(scheme) && !"coaps".equals(scheme)) {
            throw new IllegalArgumentException("uri: '" + uri + "' is neither coap:// nor coaps://");
        }
        if (mode.equals("nosec") != scheme.equals("coap")) {
            throw new IllegalArgumentException("uri: '" + uri + "' does not fit security mode '" + mode + "' (coap:// is for nosec only)");
        }
        List<LwM2mResource> r = new ArrayList<>();
        r.add(SingleResource.of(SecurityResources.SERVER_URI, Value.string(uri)));
        r.add(SingleResource.of(SecurityResources.BOOTSTRAP_SERVER, Value.bool(ssid < 0)));
        switch (mode) {
            case "nosec" -> keys(r, MODE_NOSEC, NONE, NONE, NONE);
            case "psk" -> keys(r, MODE_PSK, Json.text(security, "identity").getBytes(java.nio.charset.StandardCharsets.UTF_8), NONE,
                Json.bytes(security, "key"));
            case "rpk" -> keys(r, MODE_RPK, Json.bytes(security, "publicKey"), Json.bytes(security, "serverPublicKey"),
                Json.bytes(security, "privateKey"));
            case "x509" -> {
                keys(r, MODE_X509, Json.bytes(security, "certificate"), Json.bytes(security, "serverCertificate"),
                    Json.bytes(security, "privateKey"));
                if (security.has("certificateUsage")) {
                    r.add(SingleResource.of(SecurityResources.CERTIFICATE_USAGE, Value.unsigned(Json.integer(security, "certificateUsage", 0, 3))));
                }
            }
            default -> throw new IllegalArgumentException("security.mode: '" + mode + "' is none of nosec, psk, rpk, x509");
        }
        if (ssid >= 0) {
            r.add(SingleResource.of(SecurityResources.SHORT_SERVER_ID, Value.integer(ssid)));
        } else {
            optional(r, account, "holdOffTime", SecurityResources.CLIENT_HOLD_OFF_TIME);
            optional(r, account, "accountTimeout", SecurityResources.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT);
        }
        return withExtra(LwM2mObjectInstance.of(instance, r), account.path("securityResources"), models.find(0).orElseThrow());
    }

    /** The Server instance of a server account. */
    static LwM2mObjectInstance server(int instance, JsonNode account, int ssid, ModelLookup models) {
        List<LwM2mResource> r = new ArrayList<>();
        r.add(SingleResource.of(ServerResources.SHORT_SERVER_ID, Value.integer(ssid)));
        r.add(SingleResource.of(ServerResources.LIFETIME, Value.integer(account.has("lifetime") ? Json.integer(account, "lifetime", 1, Integer.MAX_VALUE) : 86400)));
        r.add(SingleResource.of(ServerResources.NOTIFICATION_STORING,
            Value.bool(account.has("notificationStoring") && Json.bool(account, "notificationStoring"))));
        r.add(SingleResource.of(ServerResources.BINDING, Value.string(account.has("binding") ? Json.text(account, "binding") : "U")));
        optional(r, account, "defaultMinPeriod", ServerResources.DEFAULT_MINIMUM_PERIOD);
        optional(r, account, "defaultMaxPeriod", ServerResources.DEFAULT_MAXIMUM_PERIOD);
        return withExtra(LwM2mObjectInstance.of(instance, r), account.path("serverResources"), models.find(1).orElseThrow());
    }

    private static void keys(List<LwM2mResource> r, int mode, byte[] identity, byte[] serverKey, byte[] secret) {
        r.add(SingleResource.of(SecurityResources.SECURITY_MODE, Value.integer(mode)));
        r.add(SingleResource.of(SecurityResources.PUBLIC_KEY_OR_IDENTITY, Value.opaque(identity)));
        r.add(SingleResource.of(SecurityResources.SERVER_PUBLIC_KEY, Value.opaque(serverKey)));
        r.add(SingleResource.of(SecurityResources.SECRET_KEY, Value.opaque(secret)));
    }

    private static void optional(List<LwM2mResource> r, JsonNode account, String field, int resource) {
        if (account.has(field)) {
            r.add(SingleResource.of(resource, Value.integer(Json.integer(account, field, 0, Integer.MAX_VALUE))));
        }
    }

    /** {@code instance} with the resources of {@code extra} ({"id": value}) added, typed by {@code model}. */
    static LwM2mObjectInstance withExtra(LwM2mObjectInstance instance, JsonNode extra, ObjectModel model) {
        if (extra.isMissingNode()) {
            return instance;
        }
        if (!extra.isObject()) {
            throw new IllegalArgumentException("resources must be an object of resource id to value");
        }
        LwM2mObjectInstance out = instance;
        for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = JsonValues.id(e.getKey());
            ResourceModel rm = model.resource(id);
            if (rm == null) {
                throw new IllegalArgumentException("object " + model.id() + " (" + model.name() + ") has no resource " + id);
            }
            try {
                out = out.with(JsonValues.resource(rm, e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("resource " + model.id() + "/" + id + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }
}
