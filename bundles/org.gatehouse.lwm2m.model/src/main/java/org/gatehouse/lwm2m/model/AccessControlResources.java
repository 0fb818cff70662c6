package org.gatehouse.lwm2m.model;

/**
 * Resource ids of the Access Control object ({@link ObjectIds#ACCESS_CONTROL}).
 *
 * @since 1.2.0
 */
public final class AccessControlResources {

    public static final int OBJECT_ID = 0;
    /** 65535 for the object-level entry (Create rights). */
    public static final int OBJECT_INSTANCE_ID = 1;
    /** Multiple: the rights, keyed by Short Server ID (0: every server without an entry of its own). */
    public static final int ACL = 2;
    public static final int ACCESS_CONTROL_OWNER = 3;

    private AccessControlResources() {
    }
}
