package org.gatehouse.smartcard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

/** Command APDU encoding in its four cases, short and extended, channel bits; response parsing. */
class ApduTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void the_four_cases_encode_in_the_short_form() {
        assertArrayEquals(hex("00700000"), new CommandApdu(0x00, 0x70, 0, 0, CommandApdu.NO_RESPONSE_DATA).toBytes());
        assertArrayEquals(hex("00B0000080"), new CommandApdu(0x00, 0xB0, 0, 0, 0x80).toBytes());
        assertArrayEquals(hex("00B0000000"), new CommandApdu(0x00, 0xB0, 0, 0, 256).toBytes(), "Ne 256 is Le 00");
        assertArrayEquals(hex("00A40804 04 7FFF5031"), new CommandApdu(0x00, 0xA4, 8, 4, hex("7FFF5031"), CommandApdu.NO_RESPONSE_DATA).toBytes());
        // the Nordic trace's SELECT by AID on channel 1, case 4
        CommandApdu select = new CommandApdu(0x00, 0xA4, 4, 4, hex("A000000063504B43532D3135"), 256).onChannel(1);
        assertEquals("01A404040CA000000063504B43532D313500", select.toString());
    }

    @Test
    void long_data_or_ne_uses_the_extended_form() {
        assertArrayEquals(hex("00B00000 000400"), new CommandApdu(0, 0xB0, 0, 0, 1024).toBytes());
        byte[] data = new byte[300];
        byte[] bytes = new CommandApdu(0, 0xD6, 0, 0, data, CommandApdu.NO_RESPONSE_DATA).toBytes();
        assertEquals(4 + 3 + 300, bytes.length);
        assertArrayEquals(hex("00012C"), java.util.Arrays.copyOfRange(bytes, 4, 7));
        assertArrayEquals(hex("00B00000 000000"), new CommandApdu(0, 0xB0, 0, 0, 65536).toBytes());
    }

    @Test
    void channel_bits_follow_iso_7816_4() {
        CommandApdu read = new CommandApdu(0x00, 0xB0, 0, 0, 0x80);
        assertEquals(0x03, read.onChannel(3).cla());
        assertEquals(0x40, read.onChannel(4).cla());
        assertEquals(0x4F, read.onChannel(19).cla());
        assertEquals(0x00, read.onChannel(5).onChannel(0).cla());
        assertEquals(0x1C, new CommandApdu(0x1C, 0xB0, 0, 0, 1).onChannel(0).cla(), "chaining and SM bits kept");
        assertEquals(0x70, new CommandApdu(0x1C, 0xB0, 0, 0, 1).onChannel(4).cla(), "SM becomes b6 in the further class");
        assertEquals(0x80, new CommandApdu(0x80, 0xCA, 0, 0, 1).onChannel(2).cla(), "proprietary class left alone");
        assertThrows(IllegalArgumentException.class, () -> read.onChannel(20));
    }

    @Test
    void construction_is_validated() {
        assertThrows(IllegalArgumentException.class, () -> new CommandApdu(256, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CommandApdu(0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CommandApdu(0, 0, 0, 0, new byte[65536], 1));
        assertThrows(IllegalArgumentException.class, () -> ResponseApdu.of(new byte[] {(byte) 0x90}));
    }

    @Test
    void responses_parse_and_print() {
        ResponseApdu r = ResponseApdu.of(hex("A706300404026430 9000"));
        assertTrue(r.isOk());
        assertArrayEquals(hex("A706300404026430"), r.data());
        assertEquals("A706300404026430 9000", r.toString());
        ResponseApdu more = ResponseApdu.of(hex("6110"));
        assertEquals(0x61, more.sw1());
        assertEquals(0x10, more.sw2());
        assertEquals("6110", more.swHex());
        assertArrayEquals(hex("016A82"), new ResponseApdu(hex("01"), 0x6A82).toBytes());
    }

    @Test
    void values_are_equal_by_content() {
        EqualsVerifier.forClass(CommandApdu.class).verify();
        EqualsVerifier.forClass(ResponseApdu.class).verify();
    }
}
