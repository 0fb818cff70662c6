package org.gatehouse.lwm2m.client;

import static org.gatehouse.lwm2m.model.ServerResources.BINDING;
import static org.gatehouse.lwm2m.model.ServerResources.BOOTSTRAP_ON_REGISTRATION_FAILURE;
import static org.gatehouse.lwm2m.model.ServerResources.COMMUNICATION_RETRY_COUNT;
import static org.gatehouse.lwm2m.model.ServerResources.COMMUNICATION_RETRY_TIMER;
import static org.gatehouse.lwm2m.model.ServerResources.COMMUNICATION_SEQUENCE_DELAY_TIMER;
import static org.gatehouse.lwm2m.model.ServerResources.COMMUNICATION_SEQUENCE_RETRY_COUNT;
import static org.gatehouse.lwm2m.model.ServerResources.INITIAL_REGISTRATION_DELAY_TIMER;
import static org.gatehouse.lwm2m.model.ServerResources.LIFETIME;
import static org.gatehouse.lwm2m.model.ServerResources.REGISTRATION_FAILURE_BLOCK;
import static org.gatehouse.lwm2m.model.ServerResources.REGISTRATION_PRIORITY_ORDER;
import static org.gatehouse.lwm2m.model.ServerResources.SHORT_SERVER_ID;

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
        return new ServerSettings(i.id(), (int) num(i, SHORT_SERVER_ID, 0), num(i, LIFETIME, 86400),
            value(i, BINDING).map(Value::asString).orElse("U"), num(i, REGISTRATION_PRIORITY_ORDER, -1),
            num(i, INITIAL_REGISTRATION_DELAY_TIMER, 0), bool(i, REGISTRATION_FAILURE_BLOCK, false),
            bool(i, BOOTSTRAP_ON_REGISTRATION_FAILURE, true), num(i, COMMUNICATION_RETRY_COUNT, 5), num(i, COMMUNICATION_RETRY_TIMER, 60),
            num(i, COMMUNICATION_SEQUENCE_DELAY_TIMER, 86400), num(i, COMMUNICATION_SEQUENCE_RETRY_COUNT, 1));
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
