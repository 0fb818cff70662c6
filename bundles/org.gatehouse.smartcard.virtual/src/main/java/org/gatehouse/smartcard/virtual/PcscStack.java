package org.gatehouse.smartcard.virtual;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Facts about the local PC/SC stack with vsmartcard-vpcd, for tests and scripts. */
public final class PcscStack {

    private PcscStack() {
    }

    /** The reader name pcscd gives the vpcd slot listening on {@code port} (35963 is "Virtual PCD 00 00"). */
    public static String readerName(int port) {
        return String.format("Virtual PCD 00 %02d", port - VpcdCard.DEFAULT_PORT);
    }

    /** Whether pcscd's vpcd driver listens on {@code port} of the loopback address. */
    public static boolean vpcdListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until pcscd reports the reader with or without a card. Needed between taking a card out
     * and putting one in: pcscd polls the driver, and a card exchanged faster than that looks to it
     * like the old card still in, on a dead connection.
     */
    public static void awaitCard(String reader, boolean present, java.time.Duration timeout) throws Exception {
        javax.smartcardio.CardTerminal t = javax.smartcardio.TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(reader);
        boolean reached = present ? t.waitForCardPresent(timeout.toMillis()) : t.waitForCardAbsent(timeout.toMillis());
        if (!reached) {
            throw new IllegalStateException("pcscd did not see the card " + (present ? "arrive in " : "leave ") + reader + " within " + timeout);
        }
    }

    /**
     * Throws with what to do when pcscd with the vpcd driver is not running: the smartcard tests are
     * never skipped, they fail and say how to start the stack.
     */
    public static void require() {
        if (!vpcdListening(VpcdCard.DEFAULT_PORT)) {
            throw new IllegalStateException("pcscd with the vsmartcard-vpcd driver is not running (nothing listens on 127.0.0.1:"
                + VpcdCard.DEFAULT_PORT + "): run scripts/pcsc-up.sh, which installs and starts it (CI runs it before the build)");
        }
    }
}
