package org.gatehouse.lwm2m.codec.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-place UTF-8 encoder gives exactly the bytes and length of String.getBytes, lone surrogates included. */
class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "coaps://bs.example.com:5684", "café", "€ 10", "日本語", "a\uD83D\uDE00b", "lone \uD800 high",
        "lone \uDC00 low", "end \uD83D", "\u007F\u0080\u07FF\u0800\uFFFF"})
    void matches_string_get_bytes(String s) {
        byte[] expected = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected.length, Utf8.length(s));
        byte[] out = new byte[expected.length + 2];
        assertEquals(expected.length + 1, Utf8.encode(s, out, 1));
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 1, expected.length + 1));
    }
}
