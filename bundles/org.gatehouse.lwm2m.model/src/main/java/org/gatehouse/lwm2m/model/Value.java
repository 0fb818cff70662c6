package org.gatehouse.lwm2m.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A typed LwM2M value. Unsigned integers are held in a {@code long} read as unsigned (0..2^64-1);
 * times are whole seconds; opaque bytes are copied in and out.
 *
 * @since 1.0.0
 */
public final class Value {

    private final ResourceType type;
    private final Object raw;

    private Value(ResourceType type, Object raw) {
        this.type = Objects.requireNonNull(type);
        this.raw = Objects.requireNonNull(raw, "value");
    }

    public static Value string(String s) { return new Value(ResourceType.STRING, s); }

    public static Value integer(long v) { return new Value(ResourceType.INTEGER, v); }

    /** An unsigned integer; {@code bits} is read as unsigned 64-bit. */
    public static Value unsigned(long bits) { return new Value(ResourceType.UNSIGNED_INTEGER, bits); }

    public static Value floating(double v) { return new Value(ResourceType.FLOAT, v); }

    // immutable, so shared: decoders make one for every boolean resource
    private static final Value TRUE = new Value(ResourceType.BOOLEAN, true);
    private static final Value FALSE = new Value(ResourceType.BOOLEAN, false);

    public static Value bool(boolean v) { return v ? TRUE : FALSE; }

    public static Value opaque(byte[] v) { return new Value(ResourceType.OPAQUE, v.clone()); }

    public static Value time(Instant v) { return new Value(ResourceType.TIME, Instant.ofEpochSecond(v.getEpochSecond())); }

    public static Value time(long epochSeconds) { return new Value(ResourceType.TIME, Instant.ofEpochSecond(epochSeconds)); }

    public static Value objlnk(ObjectLink v) { return new Value(ResourceType.OBJLNK, v); }

    public static Value corelnk(String v) { return new Value(ResourceType.CORELNK, v); }

    public ResourceType type() { return type; }

    public String asString() { return cast(String.class, ResourceType.STRING, ResourceType.CORELNK); }

    /** The integer value, or the raw 64 bits of an unsigned one, or the seconds of a time. */
    public long asLong() {
        if (type == ResourceType.TIME) {
            return ((Instant) raw).getEpochSecond();
        }
        return cast(Long.class, ResourceType.INTEGER, ResourceType.UNSIGNED_INTEGER);
    }

    public double asDouble() { return cast(Double.class, ResourceType.FLOAT); }

    public boolean asBoolean() { return cast(Boolean.class, ResourceType.BOOLEAN); }

    public byte[] asBytes() { return cast(byte[].class, ResourceType.OPAQUE).clone(); }

    public Instant asInstant() { return cast(Instant.class, ResourceType.TIME); }

    public ObjectLink asObjectLink() { return cast(ObjectLink.class, ResourceType.OBJLNK); }

    private <T> T cast(Class<T> cls, ResourceType... allowed) {
        for (ResourceType t : allowed) {
            if (t == type) {
                return cls.cast(raw);
            }
        }
        throw new IllegalStateException("value is " + type + ", not " + Arrays.toString(allowed));
    }

    /** Human-readable text (plain-text content format conventions; opaque as hex). */
    public String text() {
        return switch (type) {
            case UNSIGNED_INTEGER -> Long.toUnsignedString((Long) raw);
            case BOOLEAN -> ((Boolean) raw) ? "1" : "0";
            case OPAQUE -> HexFormat.of().formatHex((byte[]) raw);
            case TIME -> Long.toString(((Instant) raw).getEpochSecond());
            default -> raw.toString();
        };
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Value other) || other.type != type) {
            return false;
        }
        if (raw instanceof byte[] bytes) {
            return Arrays.equals(bytes, (byte[]) other.raw);
        }
        if (raw instanceof Double d) {
            return Double.compare(d, (Double) other.raw) == 0;
        }
        return raw.equals(other.raw);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + (raw instanceof byte[] bytes ? Arrays.hashCode(bytes) : raw.hashCode());
    }

    @Override
    public String toString() {
        return type == ResourceType.STRING ? '"' + (String) raw + '"' : text();
    }
}
