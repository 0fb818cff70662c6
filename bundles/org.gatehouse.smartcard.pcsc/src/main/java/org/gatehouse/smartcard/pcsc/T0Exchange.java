package org.gatehouse.smartcard.pcsc;

import java.io.ByteArrayOutputStream;

import org.gatehouse.smartcard.CommandApdu;
import org.gatehouse.smartcard.ResponseApdu;
import org.gatehouse.smartcard.SmartcardException;

/**
 * T=0 procedure answers, handled once for every channel: {@code 61xx} is followed by GET RESPONSE
 * (Le = xx) until the card says 9000 or another status, the pieces joined; {@code 6Cxx} makes the
 * command go again with Le = xx. The JDK's PC/SC layer does the same for most readers; this makes the
 * {@code ApduChannel} contract hold whatever the layer below does.
 */
final class T0Exchange {

    /** Sends one command as it is and returns the card's answer. */
    interface Raw {
        ResponseApdu send(CommandApdu command) throws SmartcardException;
    }

    // A card that keeps answering 61xx would loop for ever; 64 KiB of GET RESPONSE is more than any file here.
    private static final int MAX_ROUNDS = 256;

    private T0Exchange() {
    }

    static ResponseApdu transmit(Raw raw, CommandApdu command) throws SmartcardException {
        ResponseApdu r = raw.send(command);
        if (r.sw1() == 0x6C) {
            r = raw.send(command.withNe(r.sw2() == 0 ? 256 : r.sw2()));
        }
        if (r.sw1() != 0x61) {
            return r;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(r.data());
        for (int round = 0; round < MAX_ROUNDS && r.sw1() == 0x61; round++) {
            r = raw.send(new CommandApdu(command.cla() & 0x80, 0xC0, 0, 0, r.sw2() == 0 ? 256 : r.sw2()).onChannel(channelOf(command.cla())));
            data.writeBytes(r.data());
        }
        if (r.sw1() == 0x61) {
            throw new SmartcardException(SmartcardException.Kind.IO, "the card kept answering 61xx after " + MAX_ROUNDS + " GET RESPONSE");
        }
        return new ResponseApdu(data.toByteArray(), r.sw());
    }

    /** The logical channel of an interindustry class byte. */
    static int channelOf(int cla) {
        if ((cla & 0x80) != 0) {
            return 0;
        }
        return (cla & 0x40) != 0 ? 4 + (cla & 0x0F) : cla & 0x03;
    }
}
