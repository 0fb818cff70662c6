package org.gatehouse.bootstrap;

import java.util.Optional;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/**
 * A Server (1) instance read as registration settings, with the spec's defaults where a resource
 * is absent (retry count 5, retry timer 60 s, sequence delay 24 h, sequence retry count 1,
 * bootstrap on registration failure true).
 *
 * @param priority -1 when /1/x/13 is absent
 * @since 1.0.0
 */
public record ServerSettings(int instanceId, int ssid, long lifetime, String binding, long priority, long initialDelay,
        boolean failureBlocks, boolean bootstrapOnFailure, long retryCount, long retryTimer, long sequenceDelay, long sequenceRetryCount) {

    public static ServerSettings of(LwM2mObjectInstance i) {
        return new ServerSettings(i.id(), (int) num(i, 0, 0), num(i, 1, 86400), value(i, 7).map(Value::asString).orElse("U"),
            num(i, 13, -1), num(i, 14, 0), bool(i, 15, false), bool(i, 16, true), num(i, 17, 5), num(i, 18, 60),
            num(i, 19, 86400), num(i, 20, 1));
    }

    private static Optional<Value> value(LwM2mObjectInstance i, int resource) {
        LwM2mResource r = i.resource(resource);
        return r instanceof SingleResource s ? Optional.of(s.value()) : Optional.empty();
    }

    private static long num(LwM2mObjectInstance i, int resource, long def) {
        return value(i, resource).map(Value::asLong).orElse(def);
    }

    private static boolean bool(LwM2mObjectInstance i, int resource, boolean def) {
        return value(i, resource).map(Value::asBoolean).orElse(def);
    }
}
