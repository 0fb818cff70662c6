package org.gatehouse.bootstrap.smartcard.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.gatehouse.bootstrap.smartcard.CardDataException;

/**
 * The content of EF LwM2M_Bootstrap (LwM2M TS Appendix G): object count (u16), size of the objects
 * (u16), then per object its ID (u16), version (00 = implicit, else major minor) and TLV length (u16)
 * followed by its OMA TLV. Trailing FF (or 00) padding is allowed; every inconsistency between the
 * lengths is refused, naming the byte offset.
 */
final class BootstrapContainer {

    static final String FILE = "EF LwM2M_Bootstrap";

    /** One object: ID, version ("implicit" or "major.minor"), its TLV, and where that TLV starts in the file. */
    record Item(int objectId, String version, byte[] tlv, int offset) {
    }

    /** The objects, and the file's meaningful bytes (header and objects, without padding). */
    record Content(List<Item> items, byte[] data) {
    }

    private BootstrapContainer() {
    }

    static Content parse(byte[] file) throws CardDataException {
        if (file.length < 4) {
            throw error(0, "the file has " + file.length + " byte(s); the header alone takes 4 (object count, size)");
        }
        int count = u16(file, 0);
        int size = u16(file, 2);
        if (4 + size > file.length) {
            throw error(2, "the size field says " + size + " bytes of objects, but only " + (file.length - 4)
                + " follow the header (a truncated file?)");
        }
        for (int i = 4 + size; i < file.length; i++) {
            if (file[i] != (byte) 0xFF && file[i] != 0x00) {
                throw error(i, "byte " + String.format("%02X", file[i]) + " after the " + size
                    + " bytes of objects the size field announces is not padding (FF): the size field does not match the content");
            }
        }
        List<Item> items = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        int end = 4 + size;
        int pos = 4;
        for (int n = 1; n <= count; n++) {
            if (pos + 4 > end) {
                throw error(pos, "object " + n + " of " + count + " does not fit: " + (end - pos) + " byte(s) left of the " + size
                    + " the size field announces");
            }
            int start = pos;
            int id = u16(file, pos);
            int major = file[pos + 2] & 0xFF;
            pos += 3;
            String version = "implicit";
            if (major != 0) {
                version = major + "." + (file[pos] & 0xFF);
                pos++;
            }
            if (pos + 2 > end) {
                throw error(pos, "object " + id + " (number " + n + "): its length field runs past the " + size + " bytes of objects");
            }
            int length = u16(file, pos);
            pos += 2;
            if (pos + length > end) {
                throw error(pos - 2, "object " + id + " (number " + n + ") says " + length + " bytes of TLV, but only " + (end - pos)
                    + " are left of the " + size + " bytes of objects");
            }
            if (!ids.add(id)) {
                throw error(start, "object " + id + " appears twice");
            }
            items.add(new Item(id, version, Arrays.copyOfRange(file, pos, pos + length), pos));
            pos += length;
        }
        if (pos != end) {
            throw error(pos, "the " + count + " object(s) take " + (pos - 4) + " bytes, but the size field says " + size);
        }
        return new Content(items, Arrays.copyOf(file, end));
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static CardDataException error(int offset, String what) {
        return new CardDataException(FILE + ": at byte " + offset + ": " + what, false);
    }
}
