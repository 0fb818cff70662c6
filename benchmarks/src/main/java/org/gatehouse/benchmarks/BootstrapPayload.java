package org.gatehouse.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;

/**
 * A realistic bootstrap: a PSK bootstrap-server account, two PSK server accounts with their Server
 * instances, and ACL instances for the Device and Server objects. One node per written object.
 */
final class BootstrapPayload {
    private BootstrapPayload() {
    }

    static final List<LwM2mPath> PATHS = List.of(LwM2mPath.of(0), LwM2mPath.of(1), LwM2mPath.of(2));

    static List<LwM2mObject> objects() {
        return List.of(
            LwM2mObject.of(0, security(0, "coaps://bs.example.com:5684", true, 0), security(1, "coaps://dm1.example.com:5684", false, 101),
                security(2, "coaps://dm2.example.com:5684", false, 102)),
            LwM2mObject.of(1, server(1, 101), server(2, 102)),
            LwM2mObject.of(2, acl(0, 3, 0, 101), acl(1, 1, 1, 101), acl(2, 1, 2, 102)));
    }

    private static LwM2mObjectInstance security(int id, String uri, boolean bs, int ssid) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + id);
        }
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.string(uri)), SingleResource.of(1, Value.bool(bs)),
            SingleResource.of(2, Value.integer(0)), SingleResource.of(3, Value.opaque(("urn:imei:49015420323751" + id).getBytes())),
            SingleResource.of(4, Value.opaque(new byte[0])), SingleResource.of(5, Value.opaque(key)),
            bs ? SingleResource.of(11, Value.integer(10)) : SingleResource.of(10, Value.integer(ssid)),
            SingleResource.of(12, Value.integer(0)));
    }

    private static LwM2mObjectInstance server(int id, int ssid) {
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.integer(ssid)), SingleResource.of(1, Value.integer(86400)),
            SingleResource.of(6, Value.bool(false)), SingleResource.of(7, Value.string("U")),
            SingleResource.of(16, Value.bool(true)), SingleResource.of(17, Value.unsigned(5)), SingleResource.of(18, Value.unsigned(60)));
    }

    private static LwM2mObjectInstance acl(int id, int objectId, int instanceId, int owner) {
        Map<Integer, Value> acl = new TreeMap<>(Map.of(owner, Value.integer(15), 0, Value.integer(1)));
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.integer(objectId)), SingleResource.of(1, Value.integer(instanceId)),
            MultipleResource.of(2, ResourceType.INTEGER, acl), SingleResource.of(3, Value.integer(owner)));
    }
}
