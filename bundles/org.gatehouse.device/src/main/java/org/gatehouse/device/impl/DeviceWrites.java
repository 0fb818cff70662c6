package org.gatehouse.device.impl;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.lwm2m.model.DeviceResources;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.SingleResource;

/** What a server may write into /3/0: 14 UTC Offset must be an offset (+02:00, Z, UTC+2), 15 Timezone a time-zone id (Europe/Zurich). */
final class DeviceWrites {
    private DeviceWrites() {
    }

    /** Why {@code value} (a /3/0 instance or one of its resources) may not be stored, if it may not. */
    static Optional<String> refusal(LwM2mNode value) {
        Map<Integer, LwM2mResource> written = value instanceof LwM2mObjectInstance i ? i.resources()
            : value instanceof LwM2mResource r ? Map.of(r.id(), r) : Map.of();
        String offset = text(written.get(DeviceResources.UTC_OFFSET));
        if (!offset.isEmpty() && !isOffset(offset)) {
            return Optional.of("/3/0/14 UTC Offset '" + offset + "' is not an offset such as +02:00, -05:30, Z or UTC+2");
        }
        String zone = text(written.get(DeviceResources.TIMEZONE));
        if (!zone.isEmpty() && !isZone(zone)) {
            return Optional.of("/3/0/15 Timezone '" + zone + "' is not a time-zone id such as Europe/Zurich");
        }
        return Optional.empty();
    }

    private static String text(LwM2mResource r) {
        return r instanceof SingleResource s ? s.value().text() : "";
    }

    private static boolean isOffset(String s) {
        try {
            return ZoneId.of(s).normalized() instanceof ZoneOffset;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isZone(String s) {
        try {
            ZoneId.of(s);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
