package org.gatehouse.smartcard.virtual;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.smartcard.ApduChannel;
import org.gatehouse.smartcard.CardReader;
import org.gatehouse.smartcard.CardSession;
import org.gatehouse.smartcard.CommandApdu;
import org.gatehouse.smartcard.ResponseApdu;
import org.gatehouse.smartcard.SmartcardException;
import org.gatehouse.smartcard.SmartcardException.Kind;

/**
 * A {@link CardReader} holding a virtual card in the same process, without PC/SC: fast tests of what
 * sits above the reader API. MANAGE CHANNEL goes to the card as an APDU; {@code 61xx} and {@code 6Cxx}
 * are handled as the API promises. The real path through pcscd is {@link VpcdCard}.
 */
public final class DirectReader implements CardReader {

    private final String name;
    private final Semaphore exclusive = new Semaphore(1);
    private volatile VirtualUicc card;
    private volatile long insertions;
    private volatile int pullAfter = -1;

    public DirectReader(String name) {
        this.name = name;
    }

    public synchronized void insert(CardImage image, boolean t0) {
        card = new VirtualUicc(image, t0);
        insertions++;
    }

    public synchronized void remove() {
        card = null;
    }

    /** Takes the card out when the next session has exchanged {@code apdus} APDUs: a card pulled mid-read. */
    public void pullAfter(int apdus) {
        pullAfter = apdus;
    }

    /** New data on the card in the reader (an over-the-air update). */
    public void update(CardImage image) {
        card.replace(image);
    }

    /** The card in the reader, for its command count. */
    public VirtualUicc card() {
        return card;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean cardPresent() {
        return card != null;
    }

    @Override
    public Optional<byte[]> atr() {
        VirtualUicc c = card;
        return c == null ? Optional.empty() : Optional.of(c.image().atr());
    }

    @Override
    public long insertions() {
        return insertions;
    }

    @Override
    public CardSession open(Duration wait) throws SmartcardException {
        VirtualUicc c = card;
        if (c == null) {
            throw new SmartcardException(Kind.NO_CARD, name + ": no card in the reader");
        }
        try {
            if (!exclusive.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SmartcardException(Kind.BUSY, name + ": busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmartcardException(Kind.BUSY, name + ": interrupted");
        }
        c.reset();
        return new Session(c);
    }

    private final class Session implements CardSession {
        private final VirtualUicc uicc;
        private final AtomicInteger apdus = new AtomicInteger();
        private boolean closed;

        Session(VirtualUicc uicc) {
            this.uicc = uicc;
        }

        ResponseApdu send(CommandApdu command) throws SmartcardException {
            if (pullAfter >= 0 && apdus.get() >= pullAfter) {
                pullAfter = -1;
                remove();
            }
            if (card != uicc) {
                throw new SmartcardException(Kind.REMOVED, name + ": the card was removed");
            }
            apdus.incrementAndGet();
            return ResponseApdu.of(uicc.process(command.toBytes()));
        }

        @Override
        public byte[] atr() {
            return uicc.image().atr();
        }

        @Override
        public ApduChannel basicChannel() {
            return new Channel(this, 0);
        }

        @Override
        public ApduChannel openLogicalChannel() throws SmartcardException {
            ResponseApdu r = send(new CommandApdu(0x00, 0x70, 0x00, 0x00, 1));
            if (!r.isOk() || r.data().length != 1) {
                throw new SmartcardException(Kind.REFUSED, name + ": MANAGE CHANNEL answered " + r.swHex());
            }
            return new Channel(this, r.data()[0]);
        }

        @Override
        public int apduCount() {
            return apdus.get();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                exclusive.release();
            }
        }
    }

    private static final class Channel implements ApduChannel {
        private final Session session;
        private final int number;

        Channel(Session session, int number) {
            this.session = session;
            this.number = number;
        }

        @Override
        public int number() {
            return number;
        }

        @Override
        public ResponseApdu transmit(CommandApdu command) throws SmartcardException {
            CommandApdu c = command.onChannel(number);
            ResponseApdu r = session.send(c);
            if (r.sw1() == 0x6C) {
                r = session.send(c.withNe(r.sw2() == 0 ? 256 : r.sw2()));
            }
            java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
            data.writeBytes(r.data());
            while (r.sw1() == 0x61) {
                r = session.send(new CommandApdu(0x00, 0xC0, 0, 0, r.sw2() == 0 ? 256 : r.sw2()).onChannel(number));
                data.writeBytes(r.data());
            }
            return new ResponseApdu(data.toByteArray(), r.sw());
        }

        @Override
        public void close() {
            if (number != 0) {
                try {
                    session.send(new CommandApdu(0x00, 0x70, 0x80, number, CommandApdu.NO_RESPONSE_DATA).onChannel(number));
                } catch (SmartcardException ignored) {
                    // a card that went away has no channel to close
                }
            }
        }
    }
}
