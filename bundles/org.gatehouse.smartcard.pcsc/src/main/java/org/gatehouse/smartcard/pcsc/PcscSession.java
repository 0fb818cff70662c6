package org.gatehouse.smartcard.pcsc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;

import org.gatehouse.smartcard.ApduChannel;
import org.gatehouse.smartcard.CardSession;
import org.gatehouse.smartcard.CommandApdu;
import org.gatehouse.smartcard.ResponseApdu;
import org.gatehouse.smartcard.SmartcardException;
import org.gatehouse.smartcard.SmartcardException.Kind;

/** An exclusive PC/SC connection: SCardBeginTransaction held until {@link #close()}. */
final class PcscSession implements CardSession {

    private final String reader;
    private final Card card;
    private final Runnable released;
    private final AtomicInteger apdus = new AtomicInteger();
    private final List<Channel> logical = new ArrayList<>();
    private final Channel basic;
    private boolean closed;

    PcscSession(String reader, Card card, Runnable released) {
        this.reader = reader;
        this.card = card;
        this.released = released;
        this.basic = new Channel(card.getBasicChannel());
    }

    @Override
    public byte[] atr() {
        return card.getATR().getBytes();
    }

    @Override
    public ApduChannel basicChannel() {
        return basic;
    }

    @Override
    public ApduChannel openLogicalChannel() throws SmartcardException {
        try {
            apdus.incrementAndGet(); // MANAGE CHANNEL open, sent by the JDK
            Channel c = new Channel(card.openLogicalChannel());
            logical.add(c);
            return c;
        } catch (CardException | RuntimeException e) {
            SmartcardException wrapped = PcscErrors.wrap(reader + ": MANAGE CHANNEL open", e);
            throw wrapped.kind() == Kind.IO ? new SmartcardException(Kind.REFUSED, wrapped.getMessage(), e) : wrapped;
        }
    }

    @Override
    public int apduCount() {
        return apdus.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (Channel c : List.copyOf(logical)) {
                c.close();
            }
            card.endExclusive();
        } catch (CardException | RuntimeException ignored) {
            // the card or pcscd went away: nothing left to release there
        } finally {
            try {
                card.disconnect(false);
            } catch (CardException | RuntimeException ignored) {
                // as above
            }
            released.run();
        }
    }

    private final class Channel implements ApduChannel {
        private final CardChannel channel;
        private boolean open = true;

        Channel(CardChannel channel) {
            this.channel = channel;
        }

        @Override
        public int number() {
            return channel.getChannelNumber();
        }

        @Override
        public ResponseApdu transmit(CommandApdu command) throws SmartcardException {
            if (!open || closed) {
                throw new SmartcardException(Kind.IO, reader + ": channel " + number() + " is closed");
            }
            return T0Exchange.transmit(this::send, command.onChannel(number()));
        }

        private ResponseApdu send(CommandApdu command) throws SmartcardException {
            try {
                apdus.incrementAndGet();
                return ResponseApdu.of(channel.transmit(new CommandAPDU(command.toBytes())).getBytes());
            } catch (CardException | RuntimeException e) {
                throw PcscErrors.wrap(reader + ": " + String.format("INS %02X", command.ins()), e);
            }
        }

        @Override
        public void close() {
            if (number() == 0 || !open) {
                return;
            }
            open = false;
            logical.remove(this);
            try {
                apdus.incrementAndGet(); // MANAGE CHANNEL close
                channel.close();
            } catch (CardException | RuntimeException ignored) {
                // closing a channel of a card that went away
            }
        }
    }
}
