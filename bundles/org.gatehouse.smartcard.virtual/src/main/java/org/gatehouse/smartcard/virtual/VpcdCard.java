package org.gatehouse.smartcard.virtual;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts a {@link VirtualUicc} into a virtual reader of pcscd's vpcd driver (vsmartcard): a TCP
 * connection to the driver on the loopback address, over which the driver sends 2-byte big-endian
 * lengths followed by a payload: a 1-byte control code (0 power off, 1 power on, 2 reset, 4 send the
 * ATR) or a command APDU, answered with a response APDU. While connected the reader holds a card;
 * {@link #remove()} takes it out, {@link #insert(CardImage)} puts one (maybe another) in.
 */
public final class VpcdCard implements AutoCloseable {

    /** vpcd's first reader ("Virtual PCD 00 00"); the second listens one port higher. */
    public static final int DEFAULT_PORT = 0x8C7B;

    private static final Logger LOG = Logger.getLogger(VpcdCard.class.getName());

    private final int port;
    private final boolean t0;
    private volatile VirtualUicc card;
    private volatile Socket socket;
    private Thread thread;

    /**
     * @param port the vpcd port (35963 for the first reader)
     * @param t0   answer as a T=0 card ({@code 61xx} / {@code 6Cxx})
     */
    public VpcdCard(int port, boolean t0) {
        this.port = port;
        this.t0 = t0;
    }

    /** The card in the reader now, if any. */
    public VirtualUicc card() {
        return card;
    }

    /**
     * Inserts a card with this image (removing the one in the reader first). Only the loopback address
     * is used: vpcd listens on every interface, and a card must not be offered to the network.
     */
    public synchronized void insert(CardImage image) throws IOException {
        remove();
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot reach pcscd's virtual reader driver (vpcd) at 127.0.0.1:" + port
                + ": is pcscd running with vsmartcard-vpcd? Run scripts/pcsc-up.sh (" + e.getMessage() + ")", e);
        }
        VirtualUicc uicc = new VirtualUicc(image, t0);
        card = uicc;
        socket = s;
        thread = new Thread(() -> serve(s, uicc), "virtual-uicc-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    /** Changes the data on the card in the reader without taking it out (an over-the-air update). */
    public void update(CardImage image) {
        VirtualUicc c = card;
        if (c == null) {
            throw new IllegalStateException("no card in the reader");
        }
        c.replace(image);
    }

    /** Takes the card out of the reader (the driver sees the connection close). */
    public synchronized void remove() {
        Socket s = socket;
        socket = null;
        card = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the vpcd connection", e);
            }
        }
        Thread t = thread;
        thread = null;
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean inserted() {
        return socket != null;
    }

    private void serve(Socket s, VirtualUicc uicc) {
        try (DataInputStream in = new DataInputStream(s.getInputStream());
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(s.getOutputStream()))) {
            while (true) {
                quickAck(s);
                int length = in.readUnsignedShort();
                byte[] message = in.readNBytes(length);
                if (message.length < length) {
                    throw new EOFException();
                }
                if (length == 1) {
                    switch (message[0]) {
                        case 0, 1, 2 -> uicc.reset(); // power off, power on, reset
                        case 4 -> send(out, uicc.image().atr());
                        default -> LOG.fine(() -> "unknown vpcd control code " + message[0]);
                    }
                } else {
                    send(out, uicc.process(message));
                }
            }
        } catch (EOFException | SocketException e) {
            LOG.fine(() -> "virtual card on port " + port + " disconnected");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "virtual card on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * vpcd writes the length and the APDU in two sends with Nagle on: the second waits for our ACK of
     * the first, which Linux delays by 40 ms unless quick ACK is on (it turns itself off after each
     * read). That was 48 ms per APDU; with it, well under one.
     */
    private static void quickAck(Socket s) {
        try {
            if (s.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK)) {
                s.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.FINEST, "no TCP quick ACK", e);
        }
    }

    private static void send(DataOutputStream out, byte[] payload) throws IOException {
        out.writeShort(payload.length);
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() {
        remove();
    }
}
