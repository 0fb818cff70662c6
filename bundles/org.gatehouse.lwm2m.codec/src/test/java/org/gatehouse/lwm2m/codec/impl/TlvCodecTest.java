package org.gatehouse.lwm2m.codec.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.TreeMap;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TLV against the reference's test vectors, and its error messages on bad input. */
class TlvCodecTest {

    private final TlvCodec codec = new TlvCodec();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void tv1_server_instance() throws Exception {
        byte[] tv1 = hex("08 00 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55");
        LwM2mObject expected = LwM2mObject.of(1, LwM2mObjectInstance.of(0, SingleResource.of(0, Value.integer(1)),
            SingleResource.of(1, Value.integer(86400)), SingleResource.of(6, Value.bool(true)), SingleResource.of(7, Value.string("U"))));
        assertEquals(expected, codec.decode(tv1, LwM2mPath.of(1), TestModels.MODELS));
        assertArrayEquals(tv1, codec.encode(LwM2mPath.of(1), expected, TestModels.MODELS));
    }

    @Test
    void tv4_acl_instances_with_multiple_resource() throws Exception {
        byte[] tv4 = hex("08 00 0E C1 00 01 C1 01 00 83 02 41 7F 07 C1 03 7F 08 02 12 C1 00 03 C1 01 00 87 02 41 7F 07 61 01 36 01 C1 03 7F");
        LwM2mObject acl = (LwM2mObject) codec.decode(tv4, LwM2mPath.of(2), TestModels.MODELS);
        TreeMap<Integer, Value> acls = new TreeMap<>();
        acls.put(127, Value.integer(7));
        acls.put(310, Value.integer(1));
        assertEquals(new MultipleResource(2, ResourceType.INTEGER, acls), acl.instance(2).resource(2));
        assertArrayEquals(tv4, codec.encode(LwM2mPath.of(2), acl, TestModels.MODELS));
    }

    @Test
    void tv7_bootstrap_server_account_round_trips() throws Exception {
        String psk = "000102030405060708090A0B0C0D0E0F";
        byte[] tv7 = hex("08 00 48 C8 00 1B" + HexFormat.of().formatHex("coaps://bs.example.com:5684".getBytes())
            + "C1 01 01 C1 02 00 C8 03 08" + HexFormat.of().formatHex("dev-0001".getBytes()) + "C8 05 10" + psk + "C1 0B 0A C1 0C 00");
        LwM2mObject o = (LwM2mObject) codec.decode(tv7, LwM2mPath.of(0), TestModels.MODELS);
        assertEquals(Value.integer(10), ((SingleResource) o.instance(0).resource(11)).value());
        assertEquals(Value.opaque(hex(psk)), ((SingleResource) o.instance(0).resource(5)).value());
        assertArrayEquals(tv7, codec.encode(LwM2mPath.of(0), o, TestModels.MODELS));
    }

    @Test
    void instance_path_accepts_resources_or_a_matching_wrapper() throws Exception {
        byte[] bare = hex("C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55");
        byte[] wrapped = hex("08 03 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55");
        assertEquals(codec.decode(bare, LwM2mPath.of(1, 3), TestModels.MODELS), codec.decode(wrapped, LwM2mPath.of(1, 3), TestModels.MODELS));
        assertThrows(CodecException.class, () -> codec.decode(wrapped, LwM2mPath.of(1, 4), TestModels.MODELS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "truncated header,          /1/0,   C8,                                       at byte 0",
        "length past the end,       /1/0,   C8 07 05 55,                              runs past the end",
        "24-bit length overflow,    /1/0,   D8 07 FF FF FF 55,                        runs past the end",
        "instance inside instance,  /1,     08 00 03 08 01 00,                        nested",
        "resource inside multiple,  /2/0,   88 02 03 C1 00 01,                        cannot be inside",
        "invalid UTF-8,             /1/0/7, C2 07 C3 28,                              invalid UTF-8",
        "integer of 3 bytes,        /1/0/1, C3 01 00 01 51,                           integer of 3 bytes",
        "boolean of value 2,        /1/0/6, C1 06 02,                                 boolean must be",
        "single holds instances,    /1/0,   83 01 41 00 05,                           single resource",
        "multiple holds one value,  /2/0/2, C1 02 07,                                 is a multiple resource",
        "object path with resource, /1,     C1 00 01,                                 expects object instances",
        "executable with a value,   /1/0,   C1 08 01,                                 executable",
        "time out of range,         /33000/0/6, C8 06 08 7F FF FF FF FF FF FF FF,       'at byte 0, resource 33000/*/6: time 9223372036854775807 is out of range'",
        "instance time out of range,/33000/0/16, 88 10 0B 48 00 08 80 00 00 00 00 00 00 00, 'at byte 3, instance 0 of resource 33000/*/16: time -9223372036854775808 is out of range'",
        "float NaN,                 /33000/0/3, C4 03 7F C0 00 00,                      'at byte 0, resource 33000/*/3: float NaN is not a finite number'",
        "float infinity,            /33000/0/3, C8 03 08 7F F0 00 00 00 00 00 00,       'at byte 0, resource 33000/*/3: float Infinity is not a finite number'",
        "duplicate resource,        /1/0,   C1 00 01 C1 00 02,                        at byte 3: resource 0 is given twice",
        "duplicate instance,        /1,     08 00 03 C1 00 01 08 00 03 C1 00 01,      at byte 6: object instance 0 is given twice",
        "two TLVs for one resource, /1/0/1, C1 01 01 C1 01 02,                        'at byte 3: a resource path expects one resource TLV, found 2'",
        "empty resource payload,    /1/0/1, '',                                       'at byte 0: a resource path expects one resource TLV, the payload is empty'",
        "invalid UTF-8 located,     /1/0/7, C4 07 61 62 C3 28,                        'at byte 0, resource 1/*/7: invalid UTF-8 at byte 2 of the text'",
    })
    void malformed_payloads_get_a_located_error(String name, String path, String payload, String message) {
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(hex(payload), LwM2mPath.parse(path), TestModels.MODELS));
        assertTrue(e.getMessage().startsWith("TLV") && e.getMessage().contains(message.trim()), name + ": " + e.getMessage());
    }

    @Test
    void unknown_resources_of_known_objects_are_kept_as_opaque() throws Exception {
        LwM2mObjectInstance i = (LwM2mObjectInstance) codec.decode(hex("C1 00 01 C2 63 AB CD"), LwM2mPath.of(1, 0), TestModels.MODELS);
        assertEquals(Value.opaque(hex("AB CD")), ((SingleResource) i.resource(99)).value());
    }
}
