package org.gatehouse.lwm2m.codec.impl;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Re-orders sibling TLVs by id, recursively, leaving every header and value byte as it was. Lets a
 * test compare our bytes with Leshan's, which writes siblings in hash-map order.
 */
final class TlvCanonical {
    private TlvCanonical() {
    }

    static byte[] sort(byte[] tlv) {
        return sort(tlv, 0, tlv.length);
    }

    private static byte[] sort(byte[] b, int from, int to) {
        List<int[]> entries = new ArrayList<>(); // {id, start, headerEnd, end, nested}
        int p = from;
        while (p < to) {
            int start = p;
            int type = b[p++] & 0xFF;
            int idLen = (type & 0x20) != 0 ? 2 : 1;
            int lenType = (type >> 3) & 3;
            int id = 0;
            for (int i = 0; i < idLen; i++) {
                id = (id << 8) | (b[p++] & 0xFF);
            }
            int len = type & 7;
            if (lenType > 0) {
                len = 0;
                for (int i = 0; i < lenType; i++) {
                    len = (len << 8) | (b[p++] & 0xFF);
                }
            }
            int kind = type >> 6;
            entries.add(new int[] {id, start, p, p + len, kind == 0 || kind == 2 ? 1 : 0});
            p += len;
        }
        entries.sort(Comparator.comparingInt(e -> e[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] e : entries) {
            out.write(b, e[1], e[2] - e[1]);
            out.writeBytes(e[4] == 1 ? sort(b, e[2], e[3]) : Arrays.copyOfRange(b, e[2], e[3]));
        }
        return out.toByteArray();
    }
}
