package org.gatehouse.lwm2m.codec.impl;

import java.nio.charset.StandardCharsets;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.Value;

/** Value encodings of TLV: minimal-length big-endian integers, IEEE floats, UTF-8 strings. */
final class TlvValues {

    private TlvValues() {
    }

    /** The bytes {@link #write} gives for {@code v}, counted without encoding it. */
    static int length(Value v) {
        return switch (v.type()) {
            case STRING, CORELNK -> Utf8.length(v.asString());
            case INTEGER, TIME, UNSIGNED_INTEGER -> numberLength(v.type(), v.asLong());
            case FLOAT -> 8;
            case BOOLEAN -> 1;
            case OPAQUE -> v.asBytes().length;
            case OBJLNK -> 4;
            case NONE -> throw new IllegalArgumentException("executable resources carry no value");
        };
    }

    /**
     * Writes {@code v} at {@code pos} and returns the position after it. Integers are the shortest
     * two's-complement form; unsigned ones below 2^63 likewise (a leading zero byte where the top bit
     * is set) and 8 bytes above, as Leshan writes them; times are 4 bytes, as in the spec's Current
     * Time example, and 8 after 2038; floats always 8 bytes: the value is held as a double.
     */
    static int write(Value v, byte[] out, int pos) {
        return switch (v.type()) {
            case STRING, CORELNK -> Utf8.encode(v.asString(), out, pos);
            case INTEGER, TIME, UNSIGNED_INTEGER -> {
                long l = v.asLong();
                yield number(l, numberLength(v.type(), l), out, pos);
            }
            case FLOAT -> number(Double.doubleToRawLongBits(v.asDouble()), 8, out, pos);
            case BOOLEAN -> {
                out[pos] = (byte) (v.asBoolean() ? 1 : 0);
                yield pos + 1;
            }
            case OPAQUE -> {
                byte[] b = v.asBytes();
                System.arraycopy(b, 0, out, pos, b.length);
                yield pos + b.length;
            }
            case OBJLNK -> number((long) v.asObjectLink().objectId() << 16 | (v.asObjectLink().instanceId() & 0xFFFF), 4, out, pos);
            case NONE -> throw new IllegalArgumentException("executable resources carry no value");
        };
    }

    private static int numberLength(ResourceType type, long v) {
        if (type == ResourceType.TIME) {
            return v == (int) v ? 4 : 8;
        }
        return type == ResourceType.UNSIGNED_INTEGER && v < 0 ? 8 : signedLength(v);
    }

    private static int signedLength(long v) {
        return v == (byte) v ? 1 : v == (short) v ? 2 : v == (int) v ? 4 : 8;
    }

    /** The low {@code length} bytes of {@code v}, big-endian. */
    private static int number(long v, int length, byte[] out, int pos) {
        for (int i = length - 1; i >= 0; i--) {
            out[pos++] = (byte) (v >> (8 * i));
        }
        return pos;
    }

    // Lengths allowed for each kind of number, as bit masks (bit n: n bytes): no varargs array per value.
    private static final int INTEGER_LENGTHS = 1 << 1 | 1 << 2 | 1 << 4 | 1 << 8;
    private static final int FLOAT_LENGTHS = 1 << 4 | 1 << 8;
    private static final int OBJLNK_LENGTHS = 1 << 4;

    /**
     * The value in bytes {@code off} to {@code off + len} of {@code b}, read in place. "where" is put into
     * words only when there is an error to report: on the success path it would cost more than the decoding.
     */
    static Value decode(ResourceType type, byte[] b, int off, int len, TlvPlace where) throws CodecException {
        switch (type) {
            case STRING:
                return Value.string(Utf8.decode(b, off, len, where.prefixed));
            case CORELNK:
                return Value.corelnk(Utf8.decode(b, off, len, where.prefixed));
            case INTEGER:
                return Value.integer(signedOf(b, off, len, where));
            case TIME:
                return CheckedValues.time(signedOf(b, off, len, where), where.prefixed);
            case UNSIGNED_INTEGER:
                lengthIn(len, INTEGER_LENGTHS, where, "unsigned integer");
                return Value.unsigned(TlvReader.number(b, off, len));
            case FLOAT:
                lengthIn(len, FLOAT_LENGTHS, where, "float");
                double d = len == 4 ? Float.intBitsToFloat((int) TlvReader.number(b, off, 4)) : Double.longBitsToDouble(TlvReader.number(b, off, 8));
                return CheckedValues.floating(d, where.prefixed);
            case BOOLEAN:
                if (len != 1 || (b[off] != 0 && b[off] != 1)) {
                    throw new CodecException("TLV: " + where.get() + ": boolean must be one byte 0 or 1");
                }
                return Value.bool(b[off] == 1);
            case OPAQUE:
                return Value.opaque(java.util.Arrays.copyOfRange(b, off, off + len));
            case OBJLNK:
                lengthIn(len, OBJLNK_LENGTHS, where, "object link");
                return Value.objlnk(new ObjectLink((int) TlvReader.number(b, off, 2), (int) TlvReader.number(b, off + 2, 2)));
            default:
                throw new CodecException("TLV: " + where.get() + ": resource is executable and cannot carry a value");
        }
    }

    private static long signedOf(byte[] b, int off, int len, java.util.function.Supplier<String> where) throws CodecException {
        lengthIn(len, INTEGER_LENGTHS, where, "integer");
        int shift = 64 - 8 * len; // sign-extend the big-endian value
        return (TlvReader.number(b, off, len) << shift) >> shift;
    }

    private static void lengthIn(int len, int allowed, java.util.function.Supplier<String> where, String what) throws CodecException {
        if (len < 32 && (allowed & 1 << len) != 0) {
            return;
        }
        java.util.StringJoiner list = new java.util.StringJoiner(", ", "[", "]");
        for (int n = 1; n < 32; n++) {
            if ((allowed & 1 << n) != 0) {
                list.add(Integer.toString(n));
            }
        }
        throw new CodecException("TLV: " + where.get() + ": " + what + " of " + len + " bytes (allowed: " + list + ")");
    }
}
