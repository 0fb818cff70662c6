package org.gatehouse.lwm2m.model;

import java.util.Objects;

/**
 * One instance of a multiple resource, as addressed by a path /o/i/r/ri.
 *
 * @since 1.0.0
 */
public record ResourceInstance(int id, Value value) implements LwM2mNode {

    public ResourceInstance {
        LwM2mNode.checkId(id, "resource instance");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
