package org.gatehouse.lwm2m.codec.impl;

/**
 * Walks the TLVs of a byte range in place, one at a time: the header fields of the current one are
 * read straight from the payload, and nothing is allocated per TLV. Use it only on a payload that
 * {@link TlvReader#check} accepted: it trusts every length.
 */
final class TlvCursor {

    private final byte[] data;
    private int pos;
    private int end;
    private TlvCursor inner; // reused for the children of every TLV at this level

    /** The current TLV: its kind, id, the offset of its type byte, and where its value lies. */
    TlvKind kind;
    int id;
    int at;
    int start;
    int length;

    TlvCursor(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    byte[] data() {
        return data;
    }

    /** Moves to the next TLV; false at the end of the range. */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        at = pos;
        int type = data[pos++] & 0xFF;
        kind = TlvKind.of(type >> 6);
        int idLength = (type & 0x20) != 0 ? 2 : 1;
        int lengthType = (type >> 3) & 0x03;
        id = (int) TlvReader.number(data, pos, idLength);
        pos += idLength;
        length = lengthType == 0 ? type & 0x07 : (int) TlvReader.number(data, pos, lengthType);
        start = pos + lengthType;
        pos = start + length;
        return true;
    }

    /** Where the next TLV starts: the end of the current one. */
    int position() {
        return pos;
    }

    /** Back to {@code position}, a {@link #position()} of this range. */
    TlvCursor rewind(int position) {
        pos = position;
        return this;
    }

    /** Whether the current TLV is the last one of the range. */
    boolean last() {
        return pos >= end;
    }

    /** The TLVs inside the current one, on a cursor reused for every TLV of this one's range. */
    TlvCursor children() {
        if (inner == null) {
            inner = new TlvCursor(data, start, start + length);
        } else {
            inner.pos = start;
            inner.end = start + length;
        }
        return inner;
    }

    /** How many TLVs are left after the current one. */
    int remaining() {
        int count = 0;
        for (TlvCursor rest = new TlvCursor(data, pos, end); rest.next(); ) {
            count++;
        }
        return count;
    }
}
