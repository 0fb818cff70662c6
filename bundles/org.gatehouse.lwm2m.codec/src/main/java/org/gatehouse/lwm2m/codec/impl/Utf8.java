package org.gatehouse.lwm2m.codec.impl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.gatehouse.lwm2m.codec.CodecException;

/** Strict UTF-8: malformed input is an error naming its byte offset, never silently replaced. */
final class Utf8 {

    // A decoder per thread: creating one per value costs more than the decoding itself.
    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    private Utf8() {
    }

    static String decode(byte[] bytes, String where) throws CodecException {
        return decode(bytes, () -> where);
    }

    static String decode(byte[] bytes, java.util.function.Supplier<String> where) throws CodecException {
        return decode(bytes, 0, bytes.length, where);
    }

    /** The text in bytes {@code off} to {@code off + len}, read in place. */
    static String decode(byte[] bytes, int off, int len, java.util.function.Supplier<String> where) throws CodecException {
        if (isAscii(bytes, off, len)) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = DECODER.get().reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, off, len);
        CharBuffer out = CharBuffer.allocate(len); // UTF-8 never gives more chars than bytes
        // the decoder stops at the first malformed sequence, so the buffer's position is its offset
        if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
            throw new CodecException(where.get() + ": invalid UTF-8 at byte " + (in.position() - off) + " of the text");
        }
        return out.flip().toString();
    }

    /**
     * The UTF-8 length of {@code s}, as {@link String#getBytes} with UTF-8 gives it (a lone surrogate is
     * one '?'), so that an encoder can size its output before writing.
     */
    static int length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        bytes += 2; // 4 bytes for the two chars
                        i++;
                    } // else a lone surrogate: one '?'
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** Writes {@code s} as UTF-8 at {@code pos} without an intermediate array; returns the position after it. */
    static int encode(String s, byte[] out, int pos) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | c >> 6);
                out[pos++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    out[pos++] = (byte) (0xF0 | cp >> 18);
                    out[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    out[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    out[pos++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    out[pos++] = '?';
                }
            } else {
                out[pos++] = (byte) (0xE0 | c >> 12);
                out[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[pos++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return pos;
    }

    private static boolean isAscii(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
