package org.gatehouse.lwm2m.codec.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.ResourceInstance;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SingleValueCodecsTest {

    private static final ModelLookup M = TestModels.MODELS;

    private static void roundTrip(ContentCodec c, String path, Value v) throws Exception {
        LwM2mPath p = LwM2mPath.parse(path);
        LwM2mNode node = p.isResource() ? SingleResource.of(p.resourceId(), v) : new ResourceInstance(p.resourceInstanceId(), v);
        assertEquals(node, c.decode(c.encode(p, node, M), p, M), c.format() + " " + path);
    }

    @Test
    void text_and_cbor_round_trip_every_type() throws Exception {
        for (ContentCodec c : List.of(new TextCodec(), new CborCodec())) {
            roundTrip(c, "/33000/0/0", Value.string("héllo"));
            roundTrip(c, "/33000/0/1", Value.integer(Long.MIN_VALUE));
            roundTrip(c, "/33000/0/2", Value.unsigned(-1L));
            roundTrip(c, "/33000/0/3", Value.floating(-0.1));
            roundTrip(c, "/33000/0/4", Value.bool(true));
            roundTrip(c, "/33000/0/5", Value.opaque(new byte[] {0, -1}));
            roundTrip(c, "/33000/0/6", Value.time(1_700_000_000L));
            roundTrip(c, "/33000/0/7", Value.objlnk(new ObjectLink(3, 0)));
            roundTrip(c, "/33000/0/10/4", Value.string("m"));
        }
        roundTrip(new OpaqueCodec(), "/0/0/5", Value.opaque(new byte[] {9, 8, 7}));
    }

    @Test
    void text_uses_the_spec_spellings() throws Exception {
        TextCodec t = new TextCodec();
        assertArrayEquals("1".getBytes(), t.encode(LwM2mPath.of(1, 0, 6), SingleResource.of(6, Value.bool(true)), M));
        assertArrayEquals("0.5".getBytes(), t.encode(LwM2mPath.of(33000, 0, 3), SingleResource.of(3, Value.floating(0.5)), M));
        assertEquals(SingleResource.of(1, Value.integer(300)), t.decode("300".getBytes(), LwM2mPath.of(1, 0, 1), M));
    }

    @Test
    void wrong_values_and_shapes_are_refused() {
        TextCodec t = new TextCodec();
        assertMessage(() -> t.decode("yes".getBytes(), LwM2mPath.of(1, 0, 6), M), "boolean must be 0 or 1");
        assertMessage(() -> t.decode("12x".getBytes(), LwM2mPath.of(1, 0, 1), M), "not a valid INTEGER");
        assertMessage(() -> t.decode("1".getBytes(), LwM2mPath.of(1, 0), M), "not a resource");
        assertMessage(() -> t.decode("1".getBytes(), LwM2mPath.of(2, 0, 2), M), "multiple resource");
        assertMessage(() -> t.decode(new byte[] {(byte) 0xC3, 0x28}, LwM2mPath.of(1, 0, 7), M), "invalid UTF-8");
        assertMessage(() -> new OpaqueCodec().decode(new byte[] {1}, LwM2mPath.of(1, 0, 7), M), "cannot carry a STRING");
        assertMessage(() -> new CborCodec().decode(new byte[] {0x01, 0x02}, LwM2mPath.of(1, 0, 1), M), "more than one data item");
        assertMessage(() -> new CborCodec().decode("x".getBytes(StandardCharsets.UTF_8), LwM2mPath.of(1, 0, 6), M), "CBOR");
        assertFalse(new OpaqueCodec().canEncode(LwM2mPath.of(1, 0, 7), SingleResource.of(7, Value.string("U"))));
        assertTrue(new TextCodec().canEncode(LwM2mPath.of(1, 0, 7), SingleResource.of(7, Value.string("U"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NaN for an integer       | /1/0/1     | f97e00               | CBOR: /1/0/1 (at byte 0) NaN is not a finite number",
        "infinity for a float     | /33000/0/3 | fbfff0000000000000   | CBOR: /33000/0/3 (at byte 0) -Infinity is not a finite number",
        "huge decimal fraction    | /33000/0/3 | c4821a7fffffff01     | CBOR: /33000/0/3 (at byte 0) 1E+2147483647 is not a finite number",
        "time out of range        | /33000/0/6 | c11b7fffffffffffffff | CBOR: /33000/0/6: time 9223372036854775807 is out of range",
        "bignum beyond int64      | /1/0/1     | c249010000000000000000 | CBOR: /1/0/1: 18446744073709551616 is out of the 64-bit integer range",
        "simple value for opaque  | /33000/0/5 | f0                   | CBOR: /33000/0/5 (at byte 0) must be a byte string",
        "unpaired surrogate       | /33000/0/0 | 63eda080             | CBOR: /33000/0/0 (at byte 0) holds an unpaired surrogate U+D800",
        "huge declared byte string| /33000/0/5 | 5bffffffffffffffff00 | CBOR: at byte",
        "huge declared array      | /1/0/1     | 9bffffffffffffffff   | CBOR: at byte 9: malformed: Illegal length",
    })
    void bad_cbor_values_are_refused_with_their_place(String name, String path, String hex, String message) {
        CodecException e = assertThrows(CodecException.class,
            () -> new CborCodec().decode(HexFormat.of().parseHex(hex.trim()), LwM2mPath.parse(path.trim()), M));
        assertTrue(e.getMessage().startsWith(message.trim()), name + ": " + e.getMessage());
    }

    @Test
    void cbor_negative_bignum_is_minus_one_minus_its_magnitude() throws Exception {
        assertEquals(SingleResource.of(1, Value.integer(-1)), new CborCodec().decode(HexFormat.of().parseHex("c34100"), LwM2mPath.of(1, 0, 1), M));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "time out of range    | /33000/0/6 | 9223372036854775807  | TEXT: /33000/0/6: time 9223372036854775807 is out of range",
        "float overflow       | /33000/0/3 | 1e999                | TEXT: /33000/0/3: float Infinity is not a finite number",
        "NaN                  | /33000/0/3 | NaN                  | TEXT: /33000/0/3: 'NaN' is not a valid FLOAT",
        "hexadecimal float    | /33000/0/3 | 0x1p3                | TEXT: /33000/0/3: '0x1p3' is not a valid FLOAT",
        "float suffix         | /33000/0/3 | 1.5f                 | TEXT: /33000/0/3: '1.5f' is not a valid FLOAT",
        "integer overflow     | /1/0/1     | 9223372036854775808  | TEXT: /1/0/1: 9223372036854775808 is out of the 64-bit integer range",
        "unsigned beyond 2^64 | /33000/0/2 | 18446744073709551616 | TEXT: /33000/0/2: 18446744073709551616 is out of the unsigned 64-bit range",
        "object link range    | /33000/0/7 | 70000:0              | TEXT: /33000/0/7: '70000:0' is not a valid OBJLNK (object link out of range",
        "bad base64           | /33000/0/5 | %%                   | TEXT: /33000/0/5: '%%' is not a valid OPAQUE",
    })
    void bad_text_values_are_refused_with_their_place(String name, String path, String text, String message) {
        CodecException e = assertThrows(CodecException.class,
            () -> new TextCodec().decode(text.trim().getBytes(StandardCharsets.UTF_8), LwM2mPath.parse(path.trim()), M));
        assertTrue(e.getMessage().startsWith(message.trim()), name + ": " + e.getMessage());
    }

    @Test
    void text_refuses_a_number_too_long_to_parse_cheaply_and_locates_invalid_utf8() {
        assertMessage(() -> new TextCodec().decode("1".repeat(2000).getBytes(), LwM2mPath.of(33000, 0, 2), M),
            "TEXT: /33000/0/2: a number of 2000 characters is too long");
        assertMessage(() -> new TextCodec().decode(new byte[] {'a', 'b', (byte) 0xC3, 0x28}, LwM2mPath.of(1, 0, 7), M),
            "TEXT: /1/0/7: invalid UTF-8 at byte 2 of the text");
    }

    @Test
    void lwm2m_json_decodes_the_1_0_format() throws Exception {
        String payload = "{\"bn\":\"/1/0/\",\"e\":[{\"n\":\"0\",\"v\":1},{\"n\":\"6\",\"bv\":false},{\"n\":\"7\",\"sv\":\"UQ\"}]}";
        LwM2mNode n = new LwM2mJsonCodec().decode(payload.getBytes(), LwM2mPath.of(1, 0), M);
        assertEquals(3, ((org.gatehouse.lwm2m.model.LwM2mObjectInstance) n).resources().size());
        assertMessage(() -> new LwM2mJsonCodec().encode(LwM2mPath.of(1, 0), n, M), "decoding only");
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void assertMessage(Call call, String part) {
        CodecException e = assertThrows(CodecException.class, call::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
