package org.gatehouse.lwm2m.codec.impl;

import java.io.ByteArrayOutputStream;

/** Writes TLV headers with the shortest identifier and length fields, as the spec's examples do. */
final class TlvWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void write(TlvEntry.Kind kind, int id, byte[] value) {
        int length = value.length;
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
        out.write(type);
        if (id > 0xFF) {
            out.write(id >> 8);
        }
        out.write(id & 0xFF);
        for (int i = lengthBytes - 1; i >= 0; i--) {
            out.write(length >> (8 * i));
        }
        out.writeBytes(value);
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
