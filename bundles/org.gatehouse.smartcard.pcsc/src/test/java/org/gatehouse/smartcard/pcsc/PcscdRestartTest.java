package org.gatehouse.smartcard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.awaitility.Awaitility;
import org.gatehouse.smartcard.CardReader;
import org.gatehouse.smartcard.virtual.ImageBuilder;
import org.gatehouse.smartcard.virtual.PcscStack;
import org.gatehouse.smartcard.virtual.VpcdCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;

/**
 * pcscd stopped and started again under the running reader component: the readers go, come back
 * without a restart of the framework, and see a card inserted afterwards. Stops the machine's pcscd
 * (as scripts/pcsc-up.sh started it) and starts it again the same way.
 */
class PcscdRestartTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void stack() {
        PcscStack.require();
    }

    private static int readers(BundleContext context) throws Exception {
        return context.getServiceReferences(CardReader.class, null).size();
    }

    @Test
    void readers_come_back_after_pcscd_restarts() throws Exception {
        Framework framework = new FrameworkFactory().newFramework(Map.of("org.osgi.framework.storage", dir.resolve("felix").toString()));
        framework.start();
        BundleContext context = framework.getBundleContext();
        PcscReaders readers = new PcscReaders(context, PcscReadersTest.config(200));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> readers(context) == 2);

            assertEquals(0, new ProcessBuilder("pkill", "-x", "pcscd").inheritIO().start().waitFor(), "pcscd stopped");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> readers(context) == 0);

            new ProcessBuilder("setsid", "-f", "pcscd", "--foreground").redirectErrorStream(true)
                .redirectOutput(dir.resolve("pcscd.log").toFile()).start().waitFor();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> readers(context) == 2);

            try (VpcdCard vpcd = new VpcdCard(VpcdCard.DEFAULT_PORT, false)) {
                vpcd.insert(ImageBuilder.build(new byte[] {0, 0, 0, 0}, ImageBuilder.Layout.standard()));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> context.getServiceReferences(CardReader.class,
                    "(&(" + CardReader.NAME + "=" + PcscReadersTest.READER + ")(" + CardReader.CARD_PRESENT + "=true))").size() == 1);
            }
            PcscStack.awaitCard(PcscReadersTest.READER, false, Duration.ofSeconds(10));
            assertTrue(PcscStack.vpcdListening(VpcdCard.DEFAULT_PORT));
        } finally {
            readers.deactivate();
            framework.stop();
            framework.waitForStop(5000);
        }
    }
}
