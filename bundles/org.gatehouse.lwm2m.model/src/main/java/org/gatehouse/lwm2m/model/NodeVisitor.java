package org.gatehouse.lwm2m.model;

/**
 * Visits each kind of node; Java 17 has no final pattern switch over sealed types yet.
 *
 * @since 1.0.0
 */
public interface NodeVisitor<R> {
    R visit(LwM2mObject object);

    R visit(LwM2mObjectInstance instance);

    R visit(SingleResource resource);

    R visit(MultipleResource resource);

    R visit(ResourceInstance instance);
}
