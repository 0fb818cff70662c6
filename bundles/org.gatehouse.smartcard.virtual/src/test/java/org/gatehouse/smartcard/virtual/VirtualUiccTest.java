package org.gatehouse.smartcard.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The card's command processor on its own: the Nordic trace of Appendix G, T=0 answers, PIN, channels, errors. */
class VirtualUiccTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] CONTENT = HEX.parseHex("0001000A0000000506080003C10001");

    private static String send(VirtualUicc card, String apdu) {
        return HEX.formatHex(card.process(HEX.parseHex(apdu.replace(" ", ""))));
    }

    private static VirtualUicc card(ImageBuilder.Layout layout, boolean t0) {
        return new VirtualUicc(ImageBuilder.build(CONTENT, layout), t0);
    }

    @Test
    void the_nordic_trace_works_as_recorded() {
        // file IDs alone in the ODF and DODF paths: the ODF is then TV-6's, byte for byte
        VirtualUicc card = card(ImageBuilder.Layout.standard().withPathForm(ImageBuilder.PathForm.FID), false);
        assertEquals("019000", send(card, "00 70 00 00 01"));
        String fcp = send(card, "01 A4 04 04 0C A000000063504B43532D3135 00");
        assertEquals("62", fcp.substring(0, 2));
        assertEquals("9000", fcp.substring(fcp.length() - 4));
        assertEquals("9000", send(card, "01 A4 08 0C 04 7FFF 5031"));
        assertEquals("A706300404026430" + "9000", send(card, "01 B0 00 00 08"));
        assertEquals("9000", send(card, "01 A4 08 0C 04 7FFF 6432"));
        assertEquals(HEX.formatHex(CONTENT) + "6282", send(card, "01 B0 00 00 80"), "short file: end reached before Le");
        assertEquals("0A00000005" + "9000", send(card, "01 B0 00 03 05"), "offsets");
        assertEquals("9000", send(card, "01 70 80 01"));
        assertEquals("6881", send(card, "01 B0 00 00 01"), "closed channel");
    }

    @Test
    void ef_dir_records_and_select_by_fid() {
        VirtualUicc card = card(ImageBuilder.Layout.standard().withDirRecord(2), false);
        assertEquals("9000", send(card, "00 A4 00 0C 02 2F00"));
        String first = send(card, "00 B2 01 04 00");
        assertEquals("61", first.substring(0, 2));
        String second = send(card, "00 B2 02 04 00");
        assertEquals(true, second.contains("A000000063504B43532D3135"));
        assertEquals("6A83", send(card, "00 B2 03 04 00"));
        assertEquals("6A82", send(card, "00 A4 00 0C 02 1234"));
        assertEquals("6A82", send(card, "00 A4 04 0C 05 A000000099"));
    }

    @Test
    void t0_answers_go_through_get_response_and_6c() {
        VirtualUicc card = card(ImageBuilder.Layout.standard(), true);
        String sw = send(card, "00 A4 08 04 04 5015 6432");
        assertEquals("61", sw.substring(0, 2));
        int n = Integer.parseInt(sw.substring(2), 16);
        String fcp = send(card, "00 C0 00 00 " + String.format("%02X", n));
        assertEquals("62", fcp.substring(0, 2));
        assertEquals("6C0F", send(card, "00 B0 00 00 80"), "Le larger than the file: 6Cxx with what is left");
        assertEquals("610F", send(card, "00 B0 00 00 0F"));
        assertEquals(HEX.formatHex(CONTENT) + "9000", send(card, "00 C0 00 00 0F"));
    }

    @Test
    void a_private_file_needs_the_pin() {
        VirtualUicc card = card(ImageBuilder.Layout.standard().withPin(0x01, "1234"), false);
        assertEquals("9000", send(card, "00 A4 08 0C 04 5015 6432"));
        assertEquals("6982", send(card, "00 B0 00 00 0F"));
        byte[] wrong = "9999\u00ff\u00ff\u00ff\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("63C2", send(card, "00 20 00 01 08 " + HEX.formatHex(wrong)));
        byte[] right = "1234\u00ff\u00ff\u00ff\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("9000", send(card, "00 20 00 01 08 " + HEX.formatHex(right)));
        assertEquals(HEX.formatHex(CONTENT) + "9000", send(card, "00 B0 00 00 0F"));
        card.reset();
        assertEquals("9000", send(card, "00 A4 08 0C 04 5015 6432"));
        assertEquals("6982", send(card, "00 B0 00 00 0F"), "a reset forgets the PIN");
    }

    @Test
    void images_survive_a_round_trip_through_text() {
        CardImage image = ImageBuilder.build(CONTENT, ImageBuilder.Layout.standard().withPin(0x81, "0000").withPadTo(64));
        CardImage again = CardImage.parse(image.format());
        assertEquals(image.format(), again.format());
        assertEquals(image.files(), again.files());
    }
}
