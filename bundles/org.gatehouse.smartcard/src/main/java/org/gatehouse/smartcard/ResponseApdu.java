package org.gatehouse.smartcard;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A response APDU: response data and the status word SW1-SW2. Immutable.
 *
 * @since 1.0.0
 */
public final class ResponseApdu {

    /** Normal processing. */
    public static final int SW_OK = 0x9000;

    private final byte[] data;
    private final int sw;

    public ResponseApdu(byte[] data, int sw) {
        if (sw < 0 || sw > 0xFFFF) {
            throw new IllegalArgumentException("status word must be two bytes, is " + Integer.toHexString(sw));
        }
        this.data = data == null ? new byte[0] : data.clone();
        this.sw = sw;
    }

    /** Parses the bytes a card sent: data followed by SW1 SW2. */
    public static ResponseApdu of(byte[] raw) {
        if (raw == null || raw.length < 2) {
            throw new IllegalArgumentException("a response APDU has at least the two status bytes, got "
                + (raw == null ? "none" : raw.length + " byte(s)"));
        }
        return new ResponseApdu(Arrays.copyOf(raw, raw.length - 2), ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF));
    }

    public byte[] data() {
        return data.clone();
    }

    /** The status word, SW1 in the high byte. */
    public int sw() {
        return sw;
    }

    public int sw1() {
        return sw >> 8;
    }

    public int sw2() {
        return sw & 0xFF;
    }

    /** SW = 9000. */
    public boolean isOk() {
        return sw == SW_OK;
    }

    /** Data followed by SW1 SW2. */
    public byte[] toBytes() {
        byte[] raw = Arrays.copyOf(data, data.length + 2);
        raw[data.length] = (byte) (sw >> 8);
        raw[data.length + 1] = (byte) sw;
        return raw;
    }

    /** The status word as four hex digits, e.g. "6A82". */
    public String swHex() {
        return String.format("%04X", sw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseApdu r && r.sw == sw && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return sw * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return HexFormat.of().withUpperCase().formatHex(data) + (data.length > 0 ? " " : "") + swHex();
    }
}
