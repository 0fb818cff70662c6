package org.gatehouse.smartcard.virtual;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Writes the content of EF LwM2M_Bootstrap (LwM2M TS Appendix G): the number of objects (u16), the
 * size of what follows (u16), then per object its ID (u16), its version (00 = implicit, or major minor),
 * the length of its TLV (u16) and the TLV object instances. Big-endian throughout.
 */
public final class BootstrapFile {

    /** One object: ID, version ({@code major} 0 = implicit) and its OMA TLV object-instance entries. */
    public record Entry(int objectId, int major, int minor, byte[] tlv) {
        public Entry {
            if (objectId < 0 || objectId > 0xFFFF || major < 0 || major > 255 || minor < 0 || minor > 255 || tlv.length > 0xFFFF) {
                throw new IllegalArgumentException("object " + objectId + " " + major + "." + minor + " with " + tlv.length + " TLV bytes does not fit");
            }
            tlv = tlv.clone();
        }

        public static Entry implicit(int objectId, byte[] tlv) {
            return new Entry(objectId, 0, 0, tlv);
        }
    }

    private BootstrapFile() {
    }

    public static byte[] encode(List<Entry> entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Entry e : entries) {
            u16(body, e.objectId());
            body.write(e.major());
            if (e.major() != 0) {
                body.write(e.minor());
            }
            u16(body, e.tlv().length);
            body.writeBytes(e.tlv());
        }
        if (body.size() > 0xFFFF) {
            throw new IllegalArgumentException("the objects take " + body.size() + " bytes; the size field holds at most 65535");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, entries.size());
        u16(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }
}
