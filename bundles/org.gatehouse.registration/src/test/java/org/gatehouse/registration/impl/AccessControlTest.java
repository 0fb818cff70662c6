package org.gatehouse.registration.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.junit.jupiter.api.Test;

class AccessControlTest {

    /** ACL for /3/0: owner 101; server 102 may read; everyone else (ACL[0]) may execute. ACL for object 1 creation: 102. */
    private static final ObjectTree TREE = new ObjectTree(1, new TreeMap<>(Map.of(2, LwM2mObject.of(2,
        acl(0, 3, 0, Map.of(102, 1, 0, 4), 101), acl(1, 5, 65535, Map.of(102, 0x10), 101)))));

    private static LwM2mObjectInstance acl(int id, int object, int instance, Map<Integer, Integer> rights, int owner) {
        TreeMap<Integer, Value> values = new TreeMap<>();
        rights.forEach((k, v) -> values.put(k, Value.integer(v)));
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.integer(object)), SingleResource.of(1, Value.integer(instance)),
            new MultipleResource(2, ResourceType.INTEGER, values), SingleResource.of(3, Value.integer(owner)));
    }

    @Test
    void a_single_server_may_do_anything() {
        assertTrue(AccessControl.allowed(ObjectTree.EMPTY, 1, 101, 3, 0, AccessControl.DELETE));
    }

    @Test
    void with_several_servers_the_acl_decides() {
        assertTrue(AccessControl.allowed(TREE, 2, 101, 3, 0, AccessControl.WRITE), "owner");
        assertTrue(AccessControl.allowed(TREE, 2, 102, 3, 0, AccessControl.READ));
        assertFalse(AccessControl.allowed(TREE, 2, 102, 3, 0, AccessControl.WRITE));
        assertTrue(AccessControl.allowed(TREE, 2, 103, 3, 0, AccessControl.EXECUTE), "default rights of ACL[0]");
        assertFalse(AccessControl.allowed(TREE, 2, 103, 3, 0, AccessControl.READ));
        assertFalse(AccessControl.allowed(TREE, 2, 101, 4, 0, AccessControl.READ), "no ACL instance: no access");
        assertTrue(AccessControl.allowed(TREE, 2, 102, 5, 65535, AccessControl.CREATE));
        assertFalse(AccessControl.allowed(TREE, 2, 103, 5, 65535, AccessControl.CREATE));
    }
}
