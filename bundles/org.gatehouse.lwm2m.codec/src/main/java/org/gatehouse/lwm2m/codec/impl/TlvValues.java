package org.gatehouse.lwm2m.codec.impl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.Value;

/** Value encodings of TLV: minimal-length big-endian integers, IEEE floats, UTF-8 strings. */
final class TlvValues {

    private TlvValues() {
    }

    static byte[] encode(Value v) {
        return switch (v.type()) {
            case STRING, CORELNK -> v.asString().getBytes(StandardCharsets.UTF_8);
            case INTEGER -> signed(v.asLong());
            case TIME -> time(v.asLong());
            case UNSIGNED_INTEGER -> unsigned(v.asLong());
            case FLOAT -> floating(v.asDouble());
            case BOOLEAN -> new byte[] {(byte) (v.asBoolean() ? 1 : 0)};
            case OPAQUE -> v.asBytes();
            case OBJLNK -> ByteBuffer.allocate(4).putShort((short) v.asObjectLink().objectId())
                .putShort((short) v.asObjectLink().instanceId()).array();
            case NONE -> throw new IllegalArgumentException("executable resources carry no value");
        };
    }

    static byte[] signed(long v) {
        if (v == (byte) v) {
            return new byte[] {(byte) v};
        } else if (v == (short) v) {
            return ByteBuffer.allocate(2).putShort((short) v).array();
        } else if (v == (int) v) {
            return ByteBuffer.allocate(4).putInt((int) v).array();
        }
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    // Times as 4 bytes, as in the spec's Current Time example and as Leshan writes them; 8 bytes after 2038.
    static byte[] time(long seconds) {
        return seconds == (int) seconds ? ByteBuffer.allocate(4).putInt((int) seconds).array() : ByteBuffer.allocate(8).putLong(seconds).array();
    }

    // Below 2^63 the shortest two's-complement form (a leading zero byte where the top bit is set),
    // as Leshan writes it; from 2^63 up only 8 bytes can hold the value.
    static byte[] unsigned(long bits) {
        return bits < 0 ? ByteBuffer.allocate(8).putLong(bits).array() : signed(bits);
    }

    // Always 8 bytes: the value is held as a double, and Leshan writes floats the same way.
    static byte[] floating(double d) {
        return ByteBuffer.allocate(8).putDouble(d).array();
    }

    // "where" is built only when there is an error to report: on the success path it would cost more than the decoding
    static Value decode(ResourceType type, byte[] b, java.util.function.Supplier<String> where) throws CodecException {
        switch (type) {
            case STRING:
                return Value.string(Utf8.decode(b, () -> "TLV: " + where.get()));
            case CORELNK:
                return Value.corelnk(Utf8.decode(b, () -> "TLV: " + where.get()));
            case INTEGER:
                return Value.integer(signedOf(b, where));
            case TIME:
                return CheckedValues.time(signedOf(b, where), () -> "TLV: " + where.get());
            case UNSIGNED_INTEGER:
                lengthIn(b, where, "unsigned integer", 1, 2, 4, 8);
                return Value.unsigned(TlvReader.number(b, 0, b.length));
            case FLOAT:
                lengthIn(b, where, "float", 4, 8);
                double d = b.length == 4 ? Float.intBitsToFloat((int) TlvReader.number(b, 0, 4)) : Double.longBitsToDouble(TlvReader.number(b, 0, 8));
                return CheckedValues.floating(d, () -> "TLV: " + where.get());
            case BOOLEAN:
                if (b.length != 1 || (b[0] != 0 && b[0] != 1)) {
                    throw new CodecException("TLV: " + where.get() + ": boolean must be one byte 0 or 1");
                }
                return Value.bool(b[0] == 1);
            case OPAQUE:
                return Value.opaque(b);
            case OBJLNK:
                lengthIn(b, where, "object link", 4);
                return Value.objlnk(new ObjectLink((int) TlvReader.number(b, 0, 2), (int) TlvReader.number(b, 2, 2)));
            default:
                throw new CodecException("TLV: " + where.get() + ": resource is executable and cannot carry a value");
        }
    }

    private static long signedOf(byte[] b, java.util.function.Supplier<String> where) throws CodecException {
        lengthIn(b, where, "integer", 1, 2, 4, 8);
        int shift = 64 - 8 * b.length; // sign-extend the big-endian value
        return (TlvReader.number(b, 0, b.length) << shift) >> shift;
    }

    private static void lengthIn(byte[] b, java.util.function.Supplier<String> where, String what, int... allowed) throws CodecException {
        for (int a : allowed) {
            if (b.length == a) {
                return;
            }
        }
        throw new CodecException("TLV: " + where.get() + ": " + what + " of " + b.length + " bytes (allowed: "
            + java.util.Arrays.toString(allowed) + ")");
    }
}
