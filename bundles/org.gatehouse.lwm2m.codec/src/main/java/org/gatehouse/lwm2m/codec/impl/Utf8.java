package org.gatehouse.lwm2m.codec.impl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.gatehouse.lwm2m.codec.CodecException;

/** Strict UTF-8: malformed input is an error, never silently replaced. */
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
        try {
            return DECODER.get().reset().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException(where.get() + ": invalid UTF-8", e);
        }
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
