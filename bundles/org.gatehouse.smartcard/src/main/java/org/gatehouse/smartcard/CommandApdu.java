package org.gatehouse.smartcard;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A command APDU (ISO/IEC 7816-4): class, instruction, parameters, command data and the number of
 * response bytes expected (Ne). Immutable; validated at construction. Encodes in the short form when it
 * fits (data up to 255 bytes, Ne up to 256) and in the extended form otherwise.
 *
 * @since 1.0.0
 */
public final class CommandApdu {

    /** Ne for "no response data expected" (no Le field). */
    public static final int NO_RESPONSE_DATA = -1;

    private final int cla;
    private final int ins;
    private final int p1;
    private final int p2;
    private final byte[] data;
    private final int ne;

    /**
     * @param ne the number of response bytes expected: {@link #NO_RESPONSE_DATA}, or 1..65536 (256 in
     *           the short form means "up to 256", encoded as Le = 00)
     */
    public CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int ne) {
        this.cla = octet(cla, "CLA");
        this.ins = octet(ins, "INS");
        this.p1 = octet(p1, "P1");
        this.p2 = octet(p2, "P2");
        this.data = data == null ? new byte[0] : data.clone();
        if (this.data.length > 65535) {
            throw new IllegalArgumentException("command data of " + this.data.length + " bytes; at most 65535");
        }
        if (ne != NO_RESPONSE_DATA && (ne < 1 || ne > 65536)) {
            throw new IllegalArgumentException("Ne must be 1..65536 or NO_RESPONSE_DATA, is " + ne);
        }
        this.ne = ne;
    }

    /** A command without data. */
    public CommandApdu(int cla, int ins, int p1, int p2, int ne) {
        this(cla, ins, p1, p2, null, ne);
    }

    private static int octet(int v, String what) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(what + " must be a byte (0..255), is " + v);
        }
        return v;
    }

    public int cla() {
        return cla;
    }

    public int ins() {
        return ins;
    }

    public int p1() {
        return p1;
    }

    public int p2() {
        return p2;
    }

    public byte[] data() {
        return data.clone();
    }

    /** The expected response length, or {@link #NO_RESPONSE_DATA}. */
    public int ne() {
        return ne;
    }

    /** The same command with another expected response length (a {@code 6Cxx} re-issue). */
    public CommandApdu withNe(int newNe) {
        return new CommandApdu(cla, ins, p1, p2, data, newNe);
    }

    /**
     * The same command on logical channel {@code channel} (0..19): the channel bits of an
     * interindustry class byte are set (b2-b1 for channels 0..3, b4-b1 with b7 set for 4..19), the
     * secure-messaging and chaining bits kept. A proprietary class byte (b8 set) is left as it is.
     */
    public CommandApdu onChannel(int channel) {
        if (channel < 0 || channel > 19) {
            throw new IllegalArgumentException("logical channel must be 0..19, is " + channel);
        }
        if ((cla & 0x80) != 0) {
            return this;
        }
        boolean chaining = (cla & 0x10) != 0;
        int c;
        if (channel <= 3) {
            int sm = (cla & 0x40) != 0 ? ((cla & 0x20) != 0 ? 0x08 : 0) : (cla & 0x0C);
            c = sm | channel;
        } else {
            int sm = (cla & 0x40) != 0 ? (cla & 0x20) : (cla & 0x0C) != 0 ? 0x20 : 0;
            c = 0x40 | sm | (channel - 4);
        }
        return new CommandApdu(c | (chaining ? 0x10 : 0), ins, p1, p2, data, ne);
    }

    /** The bytes sent to the card. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 9);
        out.write(cla);
        out.write(ins);
        out.write(p1);
        out.write(p2);
        boolean extended = data.length > 255 || ne > 256;
        if (data.length > 0) {
            if (extended) {
                out.write(0);
                out.write(data.length >> 8);
            }
            out.write(data.length & 0xFF);
            out.writeBytes(data);
        }
        if (ne != NO_RESPONSE_DATA) {
            if (extended) {
                if (data.length == 0) {
                    out.write(0);
                }
                out.write(ne == 65536 ? 0 : ne >> 8);
                out.write(ne & 0xFF);
            } else {
                out.write(ne == 256 ? 0 : ne);
            }
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandApdu c && c.cla == cla && c.ins == ins && c.p1 == p1 && c.p2 == p2 && c.ne == ne
            && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return ((((cla * 31 + ins) * 31 + p1) * 31 + p2) * 31 + ne) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return HexFormat.of().withUpperCase().formatHex(toBytes());
    }
}
