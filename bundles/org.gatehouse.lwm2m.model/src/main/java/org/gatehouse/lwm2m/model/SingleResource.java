package org.gatehouse.lwm2m.model;

import java.util.Objects;

/**
 * A single-instance resource and its value.
 *
 * @since 1.0.0
 */
public record SingleResource(int id, Value value) implements LwM2mResource {

    public SingleResource {
        LwM2mNode.checkId(id, "resource");
        Objects.requireNonNull(value, "value");
    }

    public static SingleResource of(int id, Value value) {
        return new SingleResource(id, value);
    }

    @Override
    public ResourceType type() {
        return value.type();
    }

    @Override
    public boolean isMultiple() {
        return false;
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public String toString() {
        return id + "=" + value;
    }
}
