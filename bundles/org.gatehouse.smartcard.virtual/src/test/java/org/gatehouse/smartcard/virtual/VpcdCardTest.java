package org.gatehouse.smartcard.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The virtual card through the real stack: pcscd with the vpcd driver, then javax.smartcardio as any
 * PC/SC application sees it. Fails (never skips) when pcscd is not running.
 */
class VpcdCardTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] CONTENT = HEX.parseHex("0001000A0000000506080003C10001");

    @BeforeAll
    static void stack() {
        PcscStack.require();
    }

    private static CardTerminal terminal() throws Exception {
        return TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(PcscStack.readerName(VpcdCard.DEFAULT_PORT));
    }

    @Test
    void pcsc_applications_see_the_card_come_and_go() throws Exception {
        CardTerminal terminal = terminal();
        try (VpcdCard vpcd = new VpcdCard(VpcdCard.DEFAULT_PORT, false)) {
            vpcd.insert(ImageBuilder.build(CONTENT, ImageBuilder.Layout.standard()));
            assertTrue(terminal.waitForCardPresent(10_000), "pcscd saw the card");
            Card card = terminal.connect("*");
            assertArrayEquals(ImageBuilder.ATR, card.getATR().getBytes());
            CardChannel channel = card.openLogicalChannel();
            assertEquals(1, channel.getChannelNumber());
            assertEquals(0x9000, channel.transmit(new CommandAPDU(HEX.parseHex("00A4040C0CA000000063504B43532D3135"))).getSW());
            assertEquals(0x9000, channel.transmit(new CommandAPDU(HEX.parseHex("00A4080C047FFF6432"))).getSW());
            assertArrayEquals(CONTENT, channel.transmit(new CommandAPDU(0x00, 0xB0, 0, 0, CONTENT.length)).getData());
            channel.close();
            card.disconnect(false);

            vpcd.remove();
            assertTrue(terminal.waitForCardAbsent(10_000), "pcscd saw the card go");
            assertFalse(terminal.isCardPresent());
            assertFalse(terminal.isCardPresent());

            byte[] other = HEX.parseHex("0001000A0000000506080003C10002");
            vpcd.insert(ImageBuilder.build(other, ImageBuilder.Layout.standard()));
            assertTrue(terminal.waitForCardPresent(10_000), "another card inserted");
            Card again = terminal.connect("*");
            CardChannel basic = again.getBasicChannel();
            assertEquals(0x9000, basic.transmit(new CommandAPDU(HEX.parseHex("00A4080C0450156432"))).getSW());
            assertArrayEquals(other, basic.transmit(new CommandAPDU(0x00, 0xB0, 0, 0, other.length)).getData());
            again.disconnect(false);
        } finally {
            PcscStack.awaitCard(terminal.getName(), false, java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void a_t0_card_is_read_whole_through_the_stack() throws Exception {
        CardTerminal terminal = terminal();
        try (VpcdCard vpcd = new VpcdCard(VpcdCard.DEFAULT_PORT, true)) {
            vpcd.insert(ImageBuilder.build(CONTENT, ImageBuilder.Layout.standard()));
            assertTrue(terminal.waitForCardPresent(10_000));
            Card card = terminal.connect("*");
            CardChannel basic = card.getBasicChannel();
            // the JDK answers 61xx with GET RESPONSE and 6Cxx by sending again; the data arrives whole
            byte[] fcp = basic.transmit(new CommandAPDU(0x00, 0xA4, 0x08, 0x04, HEX.parseHex("50156432"), 256)).getData();
            assertEquals(0x62, fcp[0] & 0xFF);
            assertArrayEquals(CONTENT, basic.transmit(new CommandAPDU(0x00, 0xB0, 0, 0, 128)).getData());
            card.disconnect(false);
        } finally {
            PcscStack.awaitCard(terminal.getName(), false, java.time.Duration.ofSeconds(10));
        }
    }
}
