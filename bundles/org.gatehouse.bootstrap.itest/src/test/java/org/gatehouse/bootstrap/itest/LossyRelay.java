package org.gatehouse.bootstrap.itest;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A UDP relay on loopback that loses datagrams: the gateway talks to {@link #uri}, the relay
 * forwards to the target (a Leshan endpoint) from a socket of its own and sends the answers back to
 * the last address the gateway sent from. Each datagram is dropped with the probability set for its
 * direction, drawn from a seeded {@link Random} per direction so that a run loses the same datagrams of the same
 * exchange sequence. Works for CoAP and DTLS alike: the relay never looks into a datagram, except
 * through the {@link #cutAfter} predicate a test sets.
 */
final class LossyRelay implements AutoCloseable {

    /** One way through the relay, with its loss probability and counters. */
    static final class Direction {
        Direction(long seed) {
            random = new Random(seed);
        }

        private volatile double loss;
        /** Own draws per direction: the interleaving of the two directions' threads changes nothing. */
        private final Random random;
        final AtomicLong forwarded = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();

        @Override
        public String toString() {
            return forwarded + " forwarded, " + dropped + " dropped";
        }
    }

    /** Gateway to Leshan. */
    final Direction up;
    /** Leshan to gateway. */
    final Direction down;
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress target;
    private volatile SocketAddress client;
    private volatile Predicate<byte[]> cut;
    private volatile java.util.function.Consumer<byte[]> upTap = d -> { };

    LossyRelay(InetSocketAddress target, long seed) throws IOException {
        this.target = target;
        up = new Direction(seed);
        down = new Direction(seed + 1);
        front = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        back = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        start("relay-up-" + front.getLocalPort(), front, true);
        start("relay-down-" + front.getLocalPort(), back, false);
    }

    /** The relay in front of a Leshan endpoint URI such as coaps://127.0.0.1:5684. */
    static LossyRelay inFrontOf(String uri, long seed) throws IOException {
        java.net.URI u = java.net.URI.create(uri);
        return new LossyRelay(new InetSocketAddress(u.getHost(), u.getPort()), seed);
    }

    /** The URI the gateway is given instead of the target's: same scheme, the relay's port. */
    String uri(String scheme) {
        return scheme + "://127.0.0.1:" + front.getLocalPort();
    }

    /** Sets the loss probability of both directions (0 to 1), effective for the next datagram. */
    void loss(double probability) {
        up.loss = probability;
        down.loss = probability;
    }

    /**
     * Once a datagram from the target matches {@code when}, it is forwarded and from then on every
     * datagram both ways is dropped, as when the link dies in the middle of an exchange.
     */
    void cutAfter(Predicate<byte[]> when) {
        cut = when;
    }

    /** Sees every datagram from the gateway before the drop is drawn (the dropped ones too). */
    void tapUp(java.util.function.Consumer<byte[]> tap) {
        upTap = tap;
    }

    private void start(String name, DatagramSocket from, boolean upwards) {
        Thread t = new Thread(() -> pump(from, upwards), name);
        t.setDaemon(true);
        t.start();
    }

    private void pump(DatagramSocket from, boolean upwards) {
        byte[] buffer = new byte[65536];
        while (!from.isClosed()) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                from.receive(in);
                byte[] data = java.util.Arrays.copyOf(in.getData(), in.getLength());
                if (upwards) {
                    client = in.getSocketAddress();
                    upTap.accept(data);
                }
                SocketAddress to = upwards ? target : client;
                if (to != null && pass(upwards ? up : down, data, upwards)) {
                    (upwards ? back : front).send(new DatagramPacket(data, data.length, to));
                }
            } catch (IOException e) {
                // closed while receiving, or a send refused on loopback: the loop condition decides
            }
        }
    }

    private boolean pass(Direction d, byte[] data, boolean upwards) {
        double draw;
        synchronized (d.random) {
            draw = d.random.nextDouble();
        }
        if (draw < d.loss) {
            d.dropped.incrementAndGet();
            return false;
        }
        Predicate<byte[]> c = cut;
        if (!upwards && c != null && c.test(data)) {
            cut = null;
            loss(1.0);
        }
        d.forwarded.incrementAndGet();
        return true;
    }

    @Override
    public String toString() {
        return "to Leshan " + up + "; to the gateway " + down;
    }

    @Override
    public void close() {
        front.close();
        back.close();
    }
}
