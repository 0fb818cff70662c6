package org.gatehouse.lwm2m.codec.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LwM2M JSON (11543), decode only: the 1.0 format, and its error messages on bad input. */
class LwM2mJsonCodecTest {

    private final LwM2mJsonCodec codec = new LwM2mJsonCodec();

    @Test
    void opaque_values_arrive_as_base64_strings() throws Exception {
        LwM2mObjectInstance i = (LwM2mObjectInstance) codec.decode(
            "{\"bn\":\"/33000/0/\",\"e\":[{\"n\":\"5\",\"sv\":\"AQI=\"},{\"n\":\"6\",\"v\":1700000000}]}".getBytes(StandardCharsets.UTF_8),
            LwM2mPath.of(33000, 0), TestModels.MODELS);
        assertEquals(SingleResource.of(5, Value.opaque(new byte[] {1, 2})), i.resource(5));
        assertEquals(SingleResource.of(6, Value.time(1_700_000_000L)), i.resource(6));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "number beyond a double | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":\"1\",\"v\":1e999}]}         | JSON: entry 0: 'v' (at byte 36) 1e999 is not a finite number",
        "time out of range      | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":\"6\",\"v\":-9223372036854775808}]} | JSON: record 0 (/33000/0/6): time -9223372036854775808 is out of range",
        "string for a number    | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":\"1\",\"v\":\"1\"}]}           | JSON: entry 0: 'v' (at byte 36) must be a number, found VALUE_STRING",
        "string for a boolean   | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":\"4\",\"bv\":\"yes\"}]}        | JSON: entry 0: 'bv' (at byte 37) must be a boolean, found VALUE_STRING",
        "object for a name      | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":{\"v\":1},\"v\":1}]}          | JSON: entry 0: 'n' (at byte 28) must be a string, found START_OBJECT",
        "two values             | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":\"1\",\"v\":1,\"sv\":\"a\"}]}  | JSON: entry 0 holds more than one value",
        "repeated key           | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":\"1\",\"v\":1,\"v\":2}]}       | JSON: at byte 41: malformed: Duplicate field 'v'",
        "entry not an object    | {\"bn\":\"/33000/0/\",\"e\":[1,{\"n\":\"1\",\"v\":1}]}            | JSON: entry 0 (at byte 23) is not an object",
        "entries not an array   | {\"bn\":\"/33000/0/\",\"e\":{}}                                | JSON: 'e' (at byte 22) must be an array, found START_OBJECT",
        "data after the object  | {\"bn\":\"/33000/0/\",\"e\":[]} {}                              | JSON: at byte 26: data after the end of the object",
        "object link range      | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":\"7\",\"ov\":\"3:65536\"}]}    | JSON: record 0 (/33000/0/7): object link out of range",
        "resource id range      | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":\"65536\",\"v\":1}]}         | JSON: entry 0: path id out of range 0..65535",
        "opaque not base64      | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":\"5\",\"sv\":\"%%\"}]}        | JSON: entry 0 (/33000/0/5): opaque value is not base64",
        "deep nesting           | {\"bn\":\"/33000/0/\",\"x\":[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]],\"e\":[]} | JSON: at byte 38: malformed: Document nesting depth (17) exceeds",
        "truncated              | {\"bn\":\"/33000/0/\",\"e\":[{\"n\":                            | JSON: at byte 28: malformed: Unexpected end-of-input",
    })
    void bad_payloads_are_refused_with_their_place(String name, String payload, String message) {
        CodecException e = assertThrows(CodecException.class,
            () -> codec.decode(payload.trim().getBytes(StandardCharsets.UTF_8), LwM2mPath.of(33000, 0), TestModels.MODELS));
        assertTrue(e.getMessage().startsWith(message.trim()), name + ": " + e.getMessage());
    }
}
