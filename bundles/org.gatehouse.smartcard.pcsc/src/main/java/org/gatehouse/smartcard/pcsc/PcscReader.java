package org.gatehouse.smartcard.pcsc;

import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;

import org.gatehouse.smartcard.CardReader;
import org.gatehouse.smartcard.CardSession;
import org.gatehouse.smartcard.SmartcardException;
import org.gatehouse.smartcard.SmartcardException.Kind;

/** One PC/SC reader. Its card state is kept up to date by {@link PcscReaders}' polling thread. */
final class PcscReader implements CardReader {

    private final String name;
    private final CardTerminal terminal;
    // One session at a time within this process (not reentrant: a second open on the same thread waits
    // too); SCardBeginTransaction keeps other processes out.
    private final Semaphore exclusive = new Semaphore(1);
    private volatile boolean present;
    private volatile byte[] atr;
    private volatile long insertions;

    PcscReader(CardTerminal terminal) {
        this.terminal = terminal;
        this.name = terminal.getName();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean cardPresent() {
        return present;
    }

    @Override
    public Optional<byte[]> atr() {
        byte[] a = atr;
        return a == null ? Optional.empty() : Optional.of(a.clone());
    }

    @Override
    public long insertions() {
        return insertions;
    }

    /**
     * Records the card state seen by the poller. A card exchanged between two polls looks unchanged
     * here; the smartcard mode's guard reads the card's data before each use, so it is not missed.
     *
     * @return whether anything a consumer sees changed
     */
    boolean update(boolean nowPresent) {
        boolean arrived = nowPresent && !present;
        boolean changed = arrived || nowPresent != present;
        if (arrived) {
            insertions++;
            atr = readAtr();
        } else if (!nowPresent) {
            atr = null;
        }
        present = nowPresent;
        return changed;
    }

    // A shared connection just long enough to learn the ATR; not resetting the card.
    private byte[] readAtr() {
        try {
            Card c = terminal.connect("*");
            byte[] a = c.getATR().getBytes();
            c.disconnect(false);
            return a;
        } catch (CardException | RuntimeException e) {
            return null;
        }
    }

    Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(NAME, name);
        p.put(CARD_PRESENT, present);
        p.put(CARD_INSERTIONS, insertions);
        byte[] a = atr;
        if (a != null) {
            p.put(CARD_ATR, HexFormat.of().withUpperCase().formatHex(a));
        }
        return p;
    }

    @Override
    public CardSession open(Duration wait) throws SmartcardException {
        try {
            if (!exclusive.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SmartcardException(Kind.BUSY, name + ": another session kept the card for " + wait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmartcardException(Kind.BUSY, name + ": interrupted while waiting for the card");
        }
        Card card = null;
        try {
            if (!terminal.isCardPresent()) {
                throw new SmartcardException(Kind.NO_CARD, name + ": no card in the reader");
            }
            card = terminal.connect("*");
            card.beginExclusive();
            return new PcscSession(name, card, exclusive::release);
        } catch (CardException | RuntimeException e) {
            disconnect(card);
            exclusive.release();
            SmartcardException wrapped = PcscErrors.wrap(name + ": cannot connect to the card", e);
            throw wrapped.kind() == Kind.REMOVED ? new SmartcardException(Kind.NO_CARD, wrapped.getMessage(), e) : wrapped;
        } catch (SmartcardException e) {
            exclusive.release();
            throw e;
        }
    }

    private static void disconnect(Card card) {
        if (card != null) {
            try {
                card.disconnect(false);
            } catch (CardException | RuntimeException ignored) {
                // the connection is gone already
            }
        }
    }

    @Override
    public String toString() {
        return name + (present ? " (card)" : " (empty)");
    }
}
