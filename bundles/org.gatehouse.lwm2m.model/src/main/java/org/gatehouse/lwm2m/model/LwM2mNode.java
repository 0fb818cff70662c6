package org.gatehouse.lwm2m.model;

/**
 * A node of the LwM2M tree: an object, an object instance, a resource or a resource instance.
 *
 * @since 1.0.0
 */
public sealed interface LwM2mNode permits LwM2mObject, LwM2mObjectInstance, LwM2mResource, ResourceInstance {

    /** The id of this node at its own level. */
    int id();

    <R> R accept(NodeVisitor<R> visitor);

    /** Rejects ids outside 0..65535. */
    static int checkId(int id, String what) {
        if (id < 0 || id > 65535) {
            throw new IllegalArgumentException(what + " id out of range 0..65535: " + id);
        }
        return id;
    }
}
