package org.gatehouse.registration.impl;

import org.gatehouse.lwm2m.model.AccessControlResources;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;

/**
 * Access rights of a server on an object instance, per the Access Control object: with one server
 * account everything is allowed; with several, the ACL instance of the target decides (its owner
 * has every right, others the bits of ACL[ssid] or else ACL[0]); no ACL instance means no access.
 */
final class AccessControl {

    static final int READ = 0x01;
    static final int WRITE = 0x02;
    static final int EXECUTE = 0x04;
    static final int DELETE = 0x08;
    static final int CREATE = 0x10;

    private AccessControl() {
    }

    /** @param instanceId 65535 for object-level rights (Create) */
    static boolean allowed(ObjectTree tree, int servers, int ssid, int objectId, int instanceId, int right) {
        if (servers <= 1) {
            return true;
        }
        LwM2mObject acl = tree.objects().get(ObjectIds.ACCESS_CONTROL);
        if (acl == null) {
            return false;
        }
        for (LwM2mObjectInstance i : acl.instances().values()) {
            if (number(i, AccessControlResources.OBJECT_ID) == objectId
                    && number(i, AccessControlResources.OBJECT_INSTANCE_ID) == instanceId) {
                if (number(i, AccessControlResources.ACCESS_CONTROL_OWNER) == ssid) {
                    return right != CREATE || instanceId == 65535;
                }
                if (i.resource(AccessControlResources.ACL) instanceof MultipleResource m) {
                    Value v = m.value(ssid) != null ? m.value(ssid) : m.value(0);
                    return v != null && (v.asLong() & right) != 0;
                }
                return false;
            }
        }
        return false;
    }

    private static long number(LwM2mObjectInstance i, int resource) {
        return i.resource(resource) instanceof SingleResource s ? s.value().asLong() : -1;
    }
}
