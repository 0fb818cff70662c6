package org.gatehouse.lwm2m.codec.impl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.gatehouse.lwm2m.codec.CodecException;

/** Strict UTF-8: malformed input is an error, never silently replaced. */
final class Utf8 {
    private Utf8() {
    }

    static String decode(byte[] bytes, String where) throws CodecException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException(where + ": invalid UTF-8", e);
        }
    }
}
