package org.gatehouse.lwm2m.model;

/**
 * What a resource allows over the Device Management interface. {@link #NONE} is used by objects only
 * reachable through bootstrap (Security).
 *
 * @since 1.0.0
 */
public enum Operations {
    NONE(""), R("R"), W("W"), RW("RW"), E("E");

    private final String ddf;

    Operations(String ddf) {
        this.ddf = ddf;
    }

    public boolean readable() { return this == R || this == RW; }

    public boolean writable() { return this == W || this == RW; }

    public boolean executable() { return this == E; }

    public String ddf() { return ddf; }

    public static Operations fromDdf(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT);
        for (Operations o : values()) {
            if (o.ddf.equals(t)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown operations '" + text + "' (expected R, W, RW, E or empty)");
    }
}
