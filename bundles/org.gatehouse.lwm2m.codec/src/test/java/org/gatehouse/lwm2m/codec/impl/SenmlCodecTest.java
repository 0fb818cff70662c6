package org.gatehouse.lwm2m.codec.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

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
