package org.gatehouse.lwm2m.codec.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenmlCodecTest {

    private final SenmlJsonCodec json = new SenmlJsonCodec();

    private LwM2mObjectInstance decode(String payload, String path) throws CodecException {
        return (LwM2mObjectInstance) json.decode(payload.getBytes(StandardCharsets.UTF_8), LwM2mPath.parse(path), TestModels.MODELS);
    }

    @Test
    void reads_base_names_and_all_value_kinds() throws Exception {
        LwM2mObjectInstance i = decode("[{\"bn\":\"/33000/1/\",\"n\":\"0\",\"vs\":\"x\"},{\"n\":\"2\",\"v\":18446744073709551615},"
            + "{\"n\":\"4\",\"vb\":true},{\"n\":\"5\",\"vd\":\"AQI\"},{\"n\":\"7\",\"vlo\":\"3:0\"},{\"n\":\"10/3\",\"vs\":\"m\"}]", "/33000/1");
        assertEquals(Value.unsigned(-1L), ((SingleResource) i.resource(2)).value());
        assertEquals(Value.opaque(new byte[] {1, 2}), ((SingleResource) i.resource(5)).value());
        assertEquals(Value.objlnk(new ObjectLink(3, 0)), ((SingleResource) i.resource(7)).value());
        assertEquals(6, i.resources().size());
    }

    @Test
    void both_formats_round_trip_an_instance() throws Exception {
        LwM2mObjectInstance i = decode("[{\"bn\":\"/1/0/\",\"n\":\"0\",\"v\":1},{\"n\":\"1\",\"v\":86400},{\"n\":\"7\",\"vs\":\"U\"}]", "/1/0");
        for (SenmlCodec c : new SenmlCodec[] {json, new SenmlCborCodec()}) {
            assertEquals(i, c.decode(c.encode(LwM2mPath.of(1, 0), i, TestModels.MODELS), LwM2mPath.of(1, 0), TestModels.MODELS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not an array       | {}                                              | must be an array",
        "truncated          | [{\"bn\":\"/1/0/\"                              | malformed",
        "string for integer | [{\"bn\":\"/1/0/1\",\"vs\":\"x\"}]              | resource is INTEGER but the record holds STRING",
        "fraction integer   | [{\"bn\":\"/1/0/1\",\"v\":1.5}]                 | fraction",
        "integer overflow   | [{\"bn\":\"/1/0/1\",\"v\":9223372036854775808}] | out of the 64-bit integer range",
        "negative unsigned  | [{\"bn\":\"/1/0/11\",\"v\":-1}]                 | unsigned 64-bit range",
        "outside the path   | [{\"bn\":\"/1/1/1\",\"v\":1}]                   | not a resource under the request path",
        "bad path           | [{\"bn\":\"/1/x/1\",\"v\":1}]                   | record 0",
        "no value           | [{\"bn\":\"/1/0/1\"}]                           | has no value",
        "two values         | [{\"bn\":\"/1/0/1\",\"v\":1,\"vs\":\"a\"}]      | more than one value",
        "repeated path      | [{\"bn\":\"/1/0/1\",\"v\":1},{\"n\":\"\",\"v\":2}] | repeats",
        "multiple without id| [{\"bn\":\"/1/0/25\",\"vs\":\"1.1\"}]            | without a resource instance id",
        "bad base64         | [{\"bn\":\"/0/0/5\",\"vd\":\"%%\"}]             | not base64",
    })
    void bad_records_are_refused_with_their_index(String name, String payload, String message) {
        CodecException e = assertThrows(CodecException.class, () -> decode(payload, "/1/0"));
        if (!e.getMessage().contains(message.trim())) {
            e = assertThrows(CodecException.class, () -> json.decode(payload.getBytes(StandardCharsets.UTF_8), LwM2mPath.of(0, 0), TestModels.MODELS));
        }
        assertTrue(e.getMessage().startsWith("SENML_JSON") && e.getMessage().contains(message.trim()), name + ": " + e.getMessage());
    }

    @Test
    void a_number_beyond_the_double_range_is_a_codec_error_not_a_number_format_exception() {
        // reported: escaped as NumberFormatException ("Infinite or NaN"), and the gateway answered 5.00 instead of 4.00
        CodecException e = assertThrows(CodecException.class,
            () -> json.decode("[{\"n\":\"/0/1/10\",\"v\":1e999}]".getBytes(StandardCharsets.UTF_8), LwM2mPath.of(0, 1), TestModels.MODELS));
        assertEquals("SENML_JSON: record 0: 'v' (at byte 20) 1e999 is not a finite number (beyond the range of a double)", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "float overflow          | [{\"bn\":\"/33000/0/3\",\"v\":-1e999}]                 | record 0: 'v' (at byte 24) -1e999 is not a finite number",
        "unknown resource        | [{\"bn\":\"/33000/0/99\",\"v\":1e999}]                 | record 0: 'v' (at byte 25) 1e999 is not a finite number",
        "time out of range       | [{\"bn\":\"/33000/0/6\",\"v\":9223372036854775807}]    | record 0 (/33000/0/6): time 9223372036854775807 is out of range",
        "multiple time           | [{\"bn\":\"/33000/0/16/0\",\"v\":-9223372036854775808}] | record 0 (/33000/0/16/0): time -9223372036854775808 is out of range",
        "unsigned beyond 2^64    | [{\"bn\":\"/33000/0/2\",\"v\":18446744073709551616}]   | record 0 (/33000/0/2): 18446744073709551616 is out of the unsigned 64-bit range",
        "object link range       | [{\"bn\":\"/33000/0/7\",\"vlo\":\"70000:0\"}]        | record 0 (/33000/0/7): object link out of range",
        "resource id range       | [{\"bn\":\"/33000/0/65536\",\"v\":1}]                  | record 0: path id out of range 0..65535",
        "unpaired surrogate      | [{\"bn\":\"/33000/0/0\",\"vs\":\"a\\ud800\"}]       | record 0: 'vs' (at byte 25) holds an unpaired surrogate U+D800",
        "string for a number     | [{\"bn\":\"/33000/0/1\",\"v\":\"1\"}]                | record 0: 'v' (at byte 24) must be a number, found VALUE_STRING",
        "duplicate key           | [{\"bn\":\"/33000/0/1\",\"v\":1,\"v\":2}]            | at byte 29: malformed: Duplicate field 'v'",
        "deep nesting            | [{\"bn\":\"/33000/0/1\",\"v\":1,\"x\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]}] | malformed: Document nesting depth (17) exceeds the maximum allowed (16",
        "record not an object    | [{\"bn\":\"/33000/0/1\",\"v\":1},[]]                   | record 1 (at byte 27) is not an object",
        "data after the array    | [{\"bn\":\"/33000/0/1\",\"v\":1}] []                   | at byte 28: data after the end of the record array",
        "invalid UTF-8           | [{\"bn\":\"/33000/0/0\",\"vs\":\"\u00c3(\"}]         | at byte 28: malformed: Invalid UTF-8 middle byte 0x28",
    })
    void bad_values_of_the_test_object_are_refused_with_their_place(String name, String payload, String message) {
        // ISO-8859-1 so that "\u00c3(" stays the two bytes C3 28, invalid UTF-8
        CodecException e = assertThrows(CodecException.class,
            () -> json.decode(payload.getBytes(StandardCharsets.ISO_8859_1), LwM2mPath.of(33000, 0), TestModels.MODELS));
        assertTrue(e.getMessage().startsWith("SENML_JSON: ") && e.getMessage().contains(message.trim()), name + ": " + e.getMessage());
    }

    @Test
    void an_integer_beyond_the_double_range_is_refused_for_a_float_resource() {
        String payload = "[{\"bn\":\"/33000/0/3\",\"v\":1" + "0".repeat(400) + "}]";
        CodecException e = assertThrows(CodecException.class,
            () -> json.decode(payload.getBytes(StandardCharsets.UTF_8), LwM2mPath.of(33000, 0), TestModels.MODELS));
        assertEquals("SENML_JSON: record 0 (/33000/0/3): float Infinity is not a finite number", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NaN for an integer      | /1/0     | 81 a2 21 66 2f312f302f31 02 f97e00                | record 0: 'v' (at byte 11) NaN is not a finite number",
        "infinity for a float    | /33000/0 | 81 a2 21 6a 2f33333030302f302f33 02 fb7ff0000000000000 | record 0: 'v' (at byte 15) Infinity is not a finite number",
        "time out of range       | /33000/0 | 81 a2 21 6a 2f33333030302f302f36 02 1b7fffffffffffffff    | record 0 (/33000/0/6): time 9223372036854775807 is out of range",
        "simple value for v      | /1/0     | 81 a2 21 66 2f312f302f31 02 f0                    | record 0: 'v' (at byte 11) must be a number, found VALUE_EMBEDDED_OBJECT",
        "unpaired surrogate      | /1/0     | 81 a2 21 66 2f312f302f37 03 63eda080              | record 0: 'vs' (at byte 11) holds an unpaired surrogate U+D800",
        "duplicate key           | /1/0     | 81 a3 21 66 2f312f302f31 02 01 02 02              | at byte 13: malformed: Duplicate field '2'",
        "huge declared array     | /1/0     | 9b ffffffffffffffff                         | at byte 9: malformed: Illegal length",
        "huge declared string    | /1/0     | 81 a2 21 7b ffffffffffffffff                | malformed",
        "deep nesting            | /1/0     | 81 a3 21 66 2f312f302f31 02 01 61 78 81818181818181818181818181818181 01 | malformed: Document nesting depth (17) exceeds the maximum allowed (16",
    })
    void bad_senml_cbor_is_refused_with_its_place(String name, String path, String hex, String message) {
        CodecException e = assertThrows(CodecException.class, () -> new SenmlCborCodec().decode(
            HexFormat.of().parseHex(hex.replace(" ", "")), LwM2mPath.parse(path.trim()), TestModels.MODELS));
        assertTrue(e.getMessage().startsWith("SENML_CBOR: ") && e.getMessage().contains(message.trim()), name + ": " + e.getMessage());
    }

    @Test
    void a_negative_bignum_is_minus_one_minus_its_magnitude_as_rfc_8949_says() throws Exception {
        // tag 3 over h'00' is -1; Jackson's default reading gave 0
        byte[] payload = HexFormat.of().parseHex("81a221 662f312f302f31 02c34100".replace(" ", ""));
        assertEquals(Value.integer(-1), ((SingleResource) new SenmlCborCodec().decode(payload, LwM2mPath.of(1, 0, 1), TestModels.MODELS)).value());
    }

    @Test
    void several_objects_with_absolute_names() throws Exception {
        var objects = json.decodeObjects(("[{\"n\":\"/0/0/0\",\"vs\":\"coap://bs\"},{\"n\":\"/0/0/1\",\"vb\":true},"
            + "{\"n\":\"/1/0/0\",\"v\":101},{\"n\":\"/0/1/0\",\"vs\":\"coap://dm\"}]").getBytes(StandardCharsets.UTF_8), TestModels.MODELS);
        assertEquals(2, objects.size());
        assertEquals(2, objects.get(0).instances().size());
        assertEquals(1, objects.get(1).id());
        CodecException e = assertThrows(CodecException.class, () -> json.decodeObjects("[{\"n\":\"/1/0/1\",\"vs\":\"x\"}]".getBytes(), TestModels.MODELS));
        assertTrue(e.getMessage().contains("record 0"), e.getMessage());
        assertThrows(CodecException.class, () -> new TlvCodec().decodeObjects(new byte[0], TestModels.MODELS));
    }
}
