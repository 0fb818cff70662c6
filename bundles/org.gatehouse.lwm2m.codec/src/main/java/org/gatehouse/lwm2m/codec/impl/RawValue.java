package org.gatehouse.lwm2m.codec.impl;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.Value;

/**
 * A value as a self-describing format carries it (number, string, boolean, bytes, object link),
 * before the model says which LwM2M type it is.
 */
record RawValue(Kind kind, Object data) {

    enum Kind { NUMBER, STRING, BOOLEAN, BYTES, OBJLNK }

    private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** The type a value of this kind gets when the model does not know the resource. */
    ResourceType guessType() {
        return switch (kind) {
            case NUMBER -> integral() ? ResourceType.INTEGER : ResourceType.FLOAT;
            case STRING -> ResourceType.STRING;
            case BOOLEAN -> ResourceType.BOOLEAN;
            case BYTES -> ResourceType.OPAQUE;
            case OBJLNK -> ResourceType.OBJLNK;
        };
    }

    private boolean integral() {
        if (data instanceof Long) {
            return true;
        }
        if (data instanceof Double d && !Double.isFinite(d)) {
            return false; // BigDecimal cannot hold it; as a float it is refused with a message
        }
        BigDecimal d = decimal();
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private BigDecimal decimal() {
        Object n = data;
        if (n instanceof BigDecimal b) {
            return b;
        } else if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        } else if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(((Number) n).doubleValue());
        }
        return BigDecimal.valueOf(((Number) n).longValue());
    }

    Value toValue(ResourceType type, String format, String record, org.gatehouse.lwm2m.model.LwM2mPath path) throws CodecException {
        // the common cases, without building messages
        if (data instanceof Long l && type == ResourceType.INTEGER) {
            return Value.integer(l);
        }
        if (data instanceof Long l && type == ResourceType.TIME) {
            return CheckedValues.time(l, () -> format + ": " + record + " (" + path + ")");
        }
        if (kind == Kind.STRING && type == ResourceType.STRING) {
            return Value.string((String) data);
        }
        return toValue(type, format, record + " (" + path + ")");
    }

    Value toValue(ResourceType type, String format, String where) throws CodecException {
        String problem = format + ": " + where + ": resource is " + type + " but the record holds " + kind;
        switch (type) {
            case INTEGER, TIME -> {
                long l;
                if (data instanceof Long n) {
                    l = n;
                } else {
                    BigInteger i = integer(problem);
                    if (i.bitLength() > 63) {
                        throw new CodecException(format + ": " + where + ": " + abbreviate(i) + " is out of the 64-bit integer range");
                    }
                    l = i.longValue();
                }
                return type == ResourceType.INTEGER ? Value.integer(l) : CheckedValues.time(l, () -> format + ": " + where);
            }
            case UNSIGNED_INTEGER -> {
                if (data instanceof Long l && l >= 0) {
                    return Value.unsigned(l);
                }
                BigInteger i = integer(problem);
                if (i.signum() < 0 || i.compareTo(MAX_UNSIGNED) > 0) {
                    throw new CodecException(format + ": " + where + ": " + abbreviate(i) + " is out of the unsigned 64-bit range");
                }
                return Value.unsigned(i.longValue());
            }
            case FLOAT -> {
                require(Kind.NUMBER, problem);
                // a big integer beyond the double range converts to an infinity, refused there
                return CheckedValues.floating(((Number) data).doubleValue(), () -> format + ": " + where);
            }
            case STRING -> {
                require(Kind.STRING, problem);
                return Value.string((String) data);
            }
            case CORELNK -> {
                require(Kind.STRING, problem);
                return Value.corelnk((String) data);
            }
            case BOOLEAN -> {
                require(Kind.BOOLEAN, problem);
                return Value.bool((Boolean) data);
            }
            case OPAQUE -> {
                require(Kind.BYTES, problem);
                return Value.opaque((byte[]) data);
            }
            case OBJLNK -> {
                if (kind != Kind.OBJLNK && kind != Kind.STRING) {
                    throw new CodecException(problem);
                }
                try {
                    return Value.objlnk(ObjectLink.parse((String) data));
                } catch (IllegalArgumentException e) {
                    throw new CodecException(format + ": " + where + ": " + e.getMessage(), e);
                }
            }
            default -> throw new CodecException(format + ": " + where + ": resource is executable and cannot carry a value");
        }
    }

    private BigInteger integer(String problem) throws CodecException {
        require(Kind.NUMBER, problem);
        if (!integral()) {
            throw new CodecException(problem.replace("holds NUMBER", "holds the fraction " + data));
        }
        return decimal().toBigIntegerExact();
    }

    // a bignum may have thousands of digits; the message needs only its start
    private static String abbreviate(BigInteger i) {
        return TokenValues.abbreviate(i.toString());
    }

    private void require(Kind expected, String problem) throws CodecException {
        if (kind != expected) {
            throw new CodecException(problem);
        }
    }
}
