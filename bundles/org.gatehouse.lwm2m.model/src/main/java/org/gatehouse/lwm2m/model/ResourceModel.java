package org.gatehouse.lwm2m.model;

import java.util.Objects;

/**
 * The definition of one resource of an object.
 *
 * @since 1.0.0
 */
public record ResourceModel(int id, String name, Operations operations, boolean multiple, boolean mandatory,
        ResourceType type, String rangeEnumeration, String units, String description) {

    public ResourceModel {
        LwM2mNode.checkId(id, "resource");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(type, "type");
        rangeEnumeration = rangeEnumeration == null ? "" : rangeEnumeration;
        units = units == null ? "" : units;
        description = description == null ? "" : description;
        if (operations == Operations.E && type != ResourceType.NONE) {
            throw new IllegalArgumentException("executable resource " + id + " must have no type, has " + type);
        }
    }

    /** A definition with no range, units or description. */
    public static ResourceModel of(int id, String name, Operations ops, boolean multiple, boolean mandatory, ResourceType type) {
        return new ResourceModel(id, name, ops, multiple, mandatory, type, "", "", "");
    }
}
