package org.gatehouse.lwm2m.codec.impl;

import org.gatehouse.lwm2m.codec.CodecException;

/**
 * Checks the structure of an OMA TLV payload before it is decoded: every length against the bytes that
 * remain, and what may nest in what. It allocates nothing; once it accepted a payload, {@link TlvCursor}
 * walks it without checks.
 */
final class TlvReader {

    private TlvReader() {
    }

    static void check(byte[] data) throws CodecException {
        check(data, 0, data.length, 0);
    }

    private static void check(byte[] data, int start, int end, int depth) throws CodecException {
        int pos = start;
        while (pos < end) {
            int at = pos;
            int type = data[pos++] & 0xFF;
            TlvKind kind = TlvKind.of(type >> 6);
            int idLength = (type & 0x20) != 0 ? 2 : 1;
            int lengthType = (type >> 3) & 0x03;
            need(pos, idLength + lengthType, end, at, "identifier and length fields");
            int id = (int) number(data, pos, idLength);
            pos += idLength;
            int length = lengthType == 0 ? type & 0x07 : (int) number(data, pos, lengthType);
            pos += lengthType;
            if (length > end - pos) { // the message only on error: built for every TLV, it stood out in the decode profile
                need(pos, length, end, at, kind + " " + id + " value of " + length + " bytes");
            }
            if (kind.nested()) {
                if (depth >= 2 || (kind == TlvKind.OBJECT_INSTANCE && depth > 0)) {
                    throw new CodecException("TLV: at byte " + at + ": " + kind + " " + id + " is nested where it cannot be");
                }
                // the whole range first, then what its children are: the order in which errors are reported
                check(data, pos, pos + length, depth + 1);
                TlvCursor children = new TlvCursor(data, pos, pos + length);
                while (children.next()) {
                    checkChild(kind, id, children.kind, children.id, children.at);
                }
            }
            pos += length;
        }
    }

    // fields, not the cursor: a cursor that goes no further than this method's caller is never allocated
    private static void checkChild(TlvKind parent, int parentId, TlvKind kind, int id, int at) throws CodecException {
        boolean ok = parent == TlvKind.MULTIPLE_RESOURCE
            ? kind == TlvKind.RESOURCE_INSTANCE
            : kind == TlvKind.RESOURCE || kind == TlvKind.MULTIPLE_RESOURCE;
        if (!ok) {
            throw new CodecException("TLV: at byte " + at + ": " + kind + " " + id + " cannot be inside " + parent + " " + parentId);
        }
    }

    private static void need(int pos, int count, int end, int at, String what) throws CodecException {
        if (count > end - pos) {
            throw new CodecException("TLV: at byte " + at + ": " + what + " runs past the end ("
                + (end - pos) + " bytes remain)");
        }
    }

    static long number(byte[] data, int pos, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | (data[pos + i] & 0xFF);
        }
        return v;
    }
}
