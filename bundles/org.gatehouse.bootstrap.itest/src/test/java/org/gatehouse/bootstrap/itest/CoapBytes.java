package org.gatehouse.bootstrap.itest;

/** Reads the fixed CoAP header (RFC 7252 §3) of a plain datagram, for relays that act on what passes. */
final class CoapBytes {
    private CoapBytes() {
    }

    static boolean isPut(byte[] d) {
        return d.length >= 4 && (d[1] & 0xff) == 0x03;
    }

    static boolean isConfirmablePost(byte[] d) {
        return d.length >= 4 && ((d[0] >> 4) & 0x03) == 0 && (d[1] & 0xff) == 0x02;
    }

    static int messageId(byte[] d) {
        return ((d[2] & 0xff) << 8) | (d[3] & 0xff);
    }
}
