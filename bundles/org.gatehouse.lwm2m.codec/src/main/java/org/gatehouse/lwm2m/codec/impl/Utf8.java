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
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = DECODER.get().reset();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never gives more chars than bytes
        // the decoder stops at the first malformed sequence, so the buffer's position is its offset
        if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
            throw new CodecException(where.get() + ": invalid UTF-8 at byte " + in.position() + " of the text");
        }
        return out.flip().toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
