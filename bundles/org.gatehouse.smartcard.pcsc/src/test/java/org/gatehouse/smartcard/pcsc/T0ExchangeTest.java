package org.gatehouse.smartcard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

import org.gatehouse.smartcard.CommandApdu;
import org.gatehouse.smartcard.ResponseApdu;
import org.gatehouse.smartcard.SmartcardException;
import org.junit.jupiter.api.Test;

/** 61xx and 6Cxx handling, with a scripted card: what is sent, and what the caller gets. */
class T0ExchangeTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final List<String> sent = new ArrayList<>();
    private final Deque<String> answers = new ArrayDeque<>();

    private ResponseApdu card(CommandApdu c) {
        sent.add(c.toString());
        return ResponseApdu.of(HEX.parseHex(answers.removeFirst()));
    }

    @Test
    void status_61xx_is_followed_by_get_response_on_the_same_channel() throws SmartcardException {
        answers.addAll(List.of("6104", "01020304" + "6102", "0506" + "9000"));
        ResponseApdu r = T0Exchange.transmit(this::card, new CommandApdu(0x00, 0xA4, 4, 4, HEX.parseHex("A0000000"), 256).onChannel(2));
        assertEquals("010203040506 9000", r.toString());
        assertEquals(List.of("02A4040404A000000000", "02C0000004", "02C0000002"), sent);
    }

    @Test
    void status_6cxx_sends_the_command_again_with_the_right_le() throws SmartcardException {
        answers.addAll(List.of("6C0F", "000102030405060708090A0B0C0D0E" + "9000"));
        ResponseApdu r = T0Exchange.transmit(this::card, new CommandApdu(0x00, 0xB0, 0, 0, 0x80).onChannel(5));
        assertEquals(15, r.data().length);
        assertEquals(List.of("41B0000080", "41B000000F"), sent);
    }

    @Test
    void other_status_words_pass_through() throws SmartcardException {
        answers.add("6A82");
        assertEquals("6A82", T0Exchange.transmit(this::card, new CommandApdu(0, 0xA4, 0, 0x0C, HEX.parseHex("1234"), -1)).toString());
        assertEquals(1, sent.size());
    }

    @Test
    void a_card_answering_61xx_for_ever_is_an_error() {
        for (int i = 0; i < 300; i++) {
            answers.add("AA6101");
        }
        SmartcardException e = assertThrows(SmartcardException.class, () -> T0Exchange.transmit(this::card, new CommandApdu(0, 0xB0, 0, 0, 1)));
        assertEquals(SmartcardException.Kind.IO, e.kind());
    }
}
