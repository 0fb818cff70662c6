package org.gatehouse.lwm2m.codec.impl;

/**
 * Writes TLVs into one array of the exact payload size, computed beforehand with {@link #length}, so
 * encoding copies nothing twice and never grows a buffer. Headers use the shortest identifier and
 * length fields, as the spec's examples do.
 */
final class TlvWriter {

    private final byte[] out;
    private int pos;

    TlvWriter(int size) {
        out = new byte[size];
    }

    /** The bytes of a whole TLV (header and value) whose value is {@code valueLength} bytes. */
    static int length(int id, int valueLength) {
        int lengthField = valueLength < 8 ? 0 : valueLength <= 0xFF ? 1 : valueLength <= 0xFFFF ? 2 : 3;
        return 1 + (id > 0xFF ? 2 : 1) + lengthField + valueLength;
    }

    void header(TlvKind kind, int id, int length) {
        int type = kind.bits << 6;
        if (id > 0xFF) {
            type |= 0x20;
        }
        int lengthBytes;
        if (length < 8) {
            type |= length;
            lengthBytes = 0;
        } else if (length <= 0xFF) {
            type |= 0x08;
            lengthBytes = 1;
        } else if (length <= 0xFFFF) {
            type |= 0x10;
            lengthBytes = 2;
        } else {
            type |= 0x18;
            lengthBytes = 3;
        }
        out[pos++] = (byte) type;
        if (id > 0xFF) {
            out[pos++] = (byte) (id >> 8);
        }
        out[pos++] = (byte) id;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            out[pos++] = (byte) (length >> (8 * i));
        }
    }

    /** Writes a value of {@code TlvValues.length(...)} bytes in place. */
    void value(org.gatehouse.lwm2m.model.Value v) {
        pos = TlvValues.write(v, out, pos);
    }

    byte[] bytes() {
        if (pos != out.length) { // a size and a write that disagree would send a corrupt payload
            throw new IllegalStateException("TLV: wrote " + pos + " bytes of " + out.length);
        }
        return out;
    }
}
