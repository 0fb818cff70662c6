package org.gatehouse.lwm2m.model;

/**
 * LwM2M resource data types; {@link #NONE} is the type of executable resources.
 *
 * @since 1.0.0
 */
public enum ResourceType {
    STRING("String"), INTEGER("Integer"), UNSIGNED_INTEGER("Unsigned Integer"), FLOAT("Float"), BOOLEAN("Boolean"),
    OPAQUE("Opaque"), TIME("Time"), OBJLNK("Objlnk"), CORELNK("Corelnk"), NONE("");

    private final String ddfName;

    ResourceType(String ddfName) {
        this.ddfName = ddfName;
    }

    /** The spelling used in OMA DDF files. */
    public String ddfName() {
        return ddfName;
    }

    /** Reads a DDF type name; an empty name means an executable resource. */
    public static ResourceType fromDdf(String name) {
        String n = name == null ? "" : name.trim();
        for (ResourceType t : values()) {
            if (t.ddfName.equalsIgnoreCase(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown resource type '" + n + "'");
    }
}
