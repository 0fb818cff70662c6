package org.gatehouse.bootstrap.smartcard.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;

import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.Test;

/** The Appendix G container on TV-2 and TV-3, padding, versions, and every kind of inconsistent length. */
class BootstrapContainerTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String refused(byte[] file) {
        CardDataException e = assertThrows(CardDataException.class, () -> BootstrapContainer.parse(file));
        return e.getMessage();
    }

    private static Value value(LwM2mObject o, int instance, int resource) {
        return ((SingleResource) o.instance(instance).resource(resource)).value();
    }

    @Test
    void tv2_holds_a_psk_security_and_a_server_instance() throws Exception {
        BootstrapContainer.Content c = BootstrapContainer.parse(Vectors.TV2);
        assertEquals(2, c.items().size());
        assertEquals(126, c.data().length);
        assertEquals(0, c.items().get(0).objectId());
        assertEquals("implicit", c.items().get(0).version());
        assertEquals(94, c.items().get(0).tlv().length);
        assertEquals(9, c.items().get(0).offset());
        CardReading.Decoded d = CardReading.decode(c, new TlvCodec(), CoreModels.all()::find);
        LwM2mObject security = d.objects().get(0);
        assertEquals(Value.string("coaps://eu.iot.avsystem.cloud:5684"), value(security, 1, 0));
        assertEquals(Value.bool(false), value(security, 1, 1));
        assertEquals(Value.integer(0), value(security, 1, 2));
        assertArrayEquals("example-psk-identity".getBytes(), value(security, 1, 3).asBytes());
        assertEquals(Value.integer(1), value(security, 1, 10));
        LwM2mObject server = d.objects().get(1);
        assertEquals(Value.integer(86400), value(server, 1, 1));
        assertEquals(Value.string("U"), value(server, 1, 7));
        assertEquals(0, d.notes().size());
    }

    @Test
    void tv3_with_ff_padding_is_trimmed_to_its_size() throws Exception {
        BootstrapContainer.Content c = BootstrapContainer.parse(Vectors.TV3);
        assertEquals(1, c.items().size());
        assertEquals(4 + 0x36, c.data().length, "padding is not part of the data (nor of its digest)");
        LwM2mObject security = CardReading.decode(c, new TlvCodec(), CoreModels.all()::find).objects().get(0);
        assertEquals(Value.string("coap://leshan.eclipseprojects.io:5783"), value(security, 0, 0));
        assertEquals(Value.bool(true), value(security, 0, 1));
        assertEquals(Value.integer(3), value(security, 0, 2));
        byte[] morePadding = Arrays.copyOf(Vectors.TV3, 512);
        Arrays.fill(morePadding, Vectors.TV3.length, 512, (byte) 0xFF);
        assertEquals(CardReading.sha256(c.data()), CardReading.sha256(BootstrapContainer.parse(morePadding).data()));
    }

    @Test
    void two_byte_versions_and_an_unmodelled_object() throws Exception {
        // object 3 version 1.1 (an empty instance list), object 33333 implicit with a tiny TLV
        byte[] file = HEX.parseHex("0002000E" + "0003" + "0101" + "0000" + "8235" + "00" + "0003" + "C10001");
        BootstrapContainer.Content c = BootstrapContainer.parse(file);
        assertEquals("1.1", c.items().get(0).version());
        assertEquals(33333, c.items().get(1).objectId());
        CardReading.Decoded d = CardReading.decode(c, new TlvCodec(), CoreModels.all()::find);
        assertEquals(1, d.objects().size());
        assertTrue(d.notes().get(0).contains("object 3 is marked version 1.1"), d.notes().toString());
        assertTrue(d.notes().get(1).contains("object 33333 (3 bytes of TLV) is not modelled by this gateway: left out"), d.notes().toString());
    }

    @Test
    void inconsistent_lengths_are_refused_precisely() {
        assertEquals("EF LwM2M_Bootstrap: at byte 0: the file has 3 byte(s); the header alone takes 4 (object count, size)",
            refused(HEX.parseHex("000100")));
        assertEquals("EF LwM2M_Bootstrap: at byte 2: the size field says 122 bytes of objects, but only 100 follow the header (a truncated file?)",
            refused(Arrays.copyOf(Vectors.TV2, 104)));
        byte[] wrongObjectLength = Vectors.TV2.clone();
        wrongObjectLength[8] = 0x7F; // object 0 claims 127 bytes of TLV
        assertEquals("EF LwM2M_Bootstrap: at byte 7: object 0 (number 1) says 127 bytes of TLV, but only 117 are left of the 122 bytes of objects",
            refused(wrongObjectLength));
        byte[] moreObjects = Vectors.TV2.clone();
        moreObjects[1] = 3;
        assertEquals("EF LwM2M_Bootstrap: at byte 126: object 3 of 3 does not fit: 0 byte(s) left of the 122 the size field announces",
            refused(moreObjects));
        byte[] fewerObjects = Vectors.TV2.clone();
        fewerObjects[1] = 1;
        assertEquals("EF LwM2M_Bootstrap: at byte 103: the 1 object(s) take 99 bytes, but the size field says 122", refused(fewerObjects));
        byte[] garbage = Arrays.copyOf(Vectors.TV3, Vectors.TV3.length + 1);
        garbage[garbage.length - 1] = 0x42;
        assertTrue(refused(garbage).contains("at byte 60: byte 42 after the 54 bytes of objects the size field announces is not padding"),
            refused(garbage));
        assertTrue(refused(HEX.parseHex("0002000A" + "0001000000" + "0001000000")).contains("at byte 9: object 1 appears twice"));
    }

    @Test
    void a_corrupt_tlv_is_refused_naming_the_object_and_nothing_is_decoded() throws Exception {
        byte[] file = Vectors.TV2.clone();
        file[11] = 0x7F; // the Security instance's TLV length runs past its object
        BootstrapContainer.Content c = BootstrapContainer.parse(file);
        CardDataException e = assertThrows(CardDataException.class, () -> CardReading.decode(c, new TlvCodec(), CoreModels.all()::find));
        assertTrue(e.getMessage().startsWith("EF LwM2M_Bootstrap: object 0 (TLV from byte 9): TLV: "), e.getMessage());
    }

    @Test
    void the_decoded_objects_encode_back_to_the_card_bytes() throws Exception {
        BootstrapContainer.Content c = BootstrapContainer.parse(Vectors.TV2);
        CardReading.Decoded d = CardReading.decode(c, new TlvCodec(), CoreModels.all()::find);
        byte[] server = new TlvCodec().encode(LwM2mPath.of(1), d.objects().get(1), CoreModels.all()::find);
        assertArrayEquals(c.items().get(1).tlv(), server);
    }
}
