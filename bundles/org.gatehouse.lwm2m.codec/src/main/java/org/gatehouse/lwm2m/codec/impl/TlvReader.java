package org.gatehouse.lwm2m.codec.impl;

import java.util.ArrayList;
import java.util.List;

import org.gatehouse.lwm2m.codec.CodecException;

/** Splits an OMA TLV payload into entries, checking every length against the bytes that remain. */
final class TlvReader {

    private TlvReader() {
    }

    static List<TlvEntry> read(byte[] data) throws CodecException {
        return read(data, 0, data.length, 0);
    }

    private static List<TlvEntry> read(byte[] data, int start, int end, int depth) throws CodecException {
        List<TlvEntry> entries = new ArrayList<>();
        int pos = start;
        while (pos < end) {
            int at = pos;
            int type = data[pos++] & 0xFF;
            TlvEntry.Kind kind = TlvEntry.Kind.of(type >> 6);
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
                if (depth >= 2 || (kind == TlvEntry.Kind.OBJECT_INSTANCE && depth > 0)) {
                    throw new CodecException("TLV: at byte " + at + ": " + kind + " " + id + " is nested where it cannot be");
                }
                List<TlvEntry> children = read(data, pos, pos + length, depth + 1);
                for (TlvEntry child : children) {
                    checkChild(kind, id, child);
                }
                entries.add(new TlvEntry(kind, id, at, data, pos, length, children));
            } else {
                entries.add(new TlvEntry(kind, id, at, data, pos, length, List.of()));
            }
            pos += length;
        }
        return entries;
    }

    private static void checkChild(TlvEntry.Kind parent, int parentId, TlvEntry child) throws CodecException {
        boolean ok = parent == TlvEntry.Kind.MULTIPLE_RESOURCE
            ? child.kind() == TlvEntry.Kind.RESOURCE_INSTANCE
            : child.kind() == TlvEntry.Kind.RESOURCE || child.kind() == TlvEntry.Kind.MULTIPLE_RESOURCE;
        if (!ok) {
            throw new CodecException("TLV: at byte " + child.offset() + ": " + child.kind() + " " + child.id()
                + " cannot be inside " + parent + " " + parentId);
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
