package org.gatehouse.smartcard.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.framework.FrameworkFactory;
import org.awaitility.Awaitility;
import org.gatehouse.smartcard.ApduChannel;
import org.gatehouse.smartcard.CardReader;
import org.gatehouse.smartcard.CardSession;
import org.gatehouse.smartcard.CommandApdu;
import org.gatehouse.smartcard.ResponseApdu;
import org.gatehouse.smartcard.SmartcardException;
import org.gatehouse.smartcard.virtual.ImageBuilder;
import org.gatehouse.smartcard.virtual.PcscStack;
import org.gatehouse.smartcard.virtual.VpcdCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The reader component in a real Felix framework over the real pcscd with the vpcd driver and the
 * virtual card: services for the readers, card insertion and removal as property changes, exclusive
 * sessions, logical channels, a card pulled mid-read. Fails (never skips) without pcscd.
 */
class PcscReadersTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final String READER = PcscStack.readerName(VpcdCard.DEFAULT_PORT);
    private static final byte[] CONTENT = HEX.parseHex("0001000A0000000506080003C10001");

    @TempDir
    Path dir;
    private Framework framework;
    private BundleContext context;
    private PcscReaders readers;
    private VpcdCard vpcd;

    @BeforeAll
    static void stack() {
        PcscStack.require();
    }

    static PcscReaders.Config config(long poll) {
        return (PcscReaders.Config) Proxy.newProxyInstance(PcscReaders.Config.class.getClassLoader(), new Class<?>[] {PcscReaders.Config.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "poll_interval" -> poll;
                case "retry_delay" -> 300L;
                default -> PcscReaders.Config.class;
            });
    }

    @BeforeEach
    void start() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of("org.osgi.framework.storage", dir.resolve("felix").toString()));
        framework.start();
        context = framework.getBundleContext();
        readers = new PcscReaders(context, config(200));
        vpcd = new VpcdCard(VpcdCard.DEFAULT_PORT, false);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            vpcd.close();
            PcscStack.awaitCard(READER, false, Duration.ofSeconds(10));
        } finally {
            readers.deactivate();
            framework.stop();
            framework.waitForStop(5000);
        }
    }

    private Optional<ServiceReference<CardReader>> service() throws Exception {
        return context.getServiceReferences(CardReader.class, "(" + CardReader.NAME + "=" + READER + ")").stream().findFirst();
    }

    private CardReader reader() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> service().isPresent());
        return context.getService(service().orElseThrow());
    }

    private Object property(String key) throws Exception {
        return service().map(r -> r.getProperty(key)).orElse(null);
    }

    @Test
    void each_vpcd_reader_is_a_service_and_card_changes_are_property_changes() throws Exception {
        CardReader reader = reader();
        assertEquals(READER, reader.name());
        assertTrue(context.getServiceReferences(CardReader.class, "(" + CardReader.NAME + "=" + PcscStack.readerName(VpcdCard.DEFAULT_PORT + 1) + ")")
            .size() == 1, "the second vpcd slot is a reader too");
        assertEquals(false, property(CardReader.CARD_PRESENT));
        assertEquals(0L, property(CardReader.CARD_INSERTIONS));

        vpcd.insert(ImageBuilder.build(CONTENT, ImageBuilder.Layout.standard()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(property(CardReader.CARD_PRESENT)));
        assertEquals(1L, property(CardReader.CARD_INSERTIONS));
        assertEquals(HEX.formatHex(ImageBuilder.ATR), property(CardReader.CARD_ATR));
        assertArrayEquals(ImageBuilder.ATR, reader.atr().orElseThrow());

        vpcd.remove();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(property(CardReader.CARD_PRESENT)));
        assertEquals(null, property(CardReader.CARD_ATR));
        vpcd.insert(ImageBuilder.build(CONTENT, ImageBuilder.Layout.standard()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(2).equals(property(CardReader.CARD_INSERTIONS)));
    }

    @Test
    void a_session_reads_on_a_logical_channel_and_is_exclusive() throws Exception {
        CardReader reader = reader();
        SmartcardException none = assertThrows(SmartcardException.class, () -> reader.open(Duration.ofSeconds(1)));
        assertEquals(SmartcardException.Kind.NO_CARD, none.kind());
        vpcd.insert(ImageBuilder.build(CONTENT, ImageBuilder.Layout.standard()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(reader::cardPresent);
        try (CardSession session = reader.open(Duration.ofSeconds(5))) {
            assertArrayEquals(ImageBuilder.ATR, session.atr());
            try (ApduChannel channel = session.openLogicalChannel()) {
                assertEquals(1, channel.number());
                ResponseApdu select = channel.transmit(new CommandApdu(0x00, 0xA4, 0x04, 0x0C, ImageBuilder.PKCS15_AID, CommandApdu.NO_RESPONSE_DATA));
                assertTrue(select.isOk(), select.toString());
                assertTrue(channel.transmit(new CommandApdu(0x00, 0xA4, 0x08, 0x0C, HEX.parseHex("7FFF6432"), CommandApdu.NO_RESPONSE_DATA)).isOk());
                assertArrayEquals(CONTENT, channel.transmit(new CommandApdu(0x00, 0xB0, 0, 0, CONTENT.length)).data());
            }
            SmartcardException busy = assertThrows(SmartcardException.class, () -> reader.open(Duration.ofMillis(200)));
            assertEquals(SmartcardException.Kind.BUSY, busy.kind());
            assertEquals(5, session.apduCount(), "MANAGE CHANNEL open, two SELECTs, READ BINARY, MANAGE CHANNEL close");
        }
        try (CardSession again = reader.open(Duration.ofSeconds(1))) {
            assertTrue(again.basicChannel().transmit(new CommandApdu(0x00, 0xA4, 0x00, 0x0C, HEX.parseHex("2F00"), CommandApdu.NO_RESPONSE_DATA)).isOk());
        }
    }

    @Test
    void a_card_pulled_mid_read_is_a_clean_error() throws Exception {
        CardReader reader = reader();
        vpcd.insert(ImageBuilder.build(CONTENT, ImageBuilder.Layout.standard()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(reader::cardPresent);
        try (CardSession session = reader.open(Duration.ofSeconds(5))) {
            ApduChannel basic = session.basicChannel();
            assertTrue(basic.transmit(new CommandApdu(0x00, 0xA4, 0x08, 0x0C, HEX.parseHex("50156432"), CommandApdu.NO_RESPONSE_DATA)).isOk());
            vpcd.remove();
            java.util.concurrent.atomic.AtomicReference<SmartcardException> failure = new java.util.concurrent.atomic.AtomicReference<>();
            // pcscd notices the removal within its polling period: read until a read fails
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    basic.transmit(new CommandApdu(0x00, 0xB0, 0, 0, CONTENT.length));
                    return false;
                } catch (SmartcardException removed) {
                    failure.set(removed);
                    return true;
                }
            });
            SmartcardException e = failure.get();
            assertTrue(e.kind() == SmartcardException.Kind.REMOVED || e.kind() == SmartcardException.Kind.IO, e.kind() + ": " + e.getMessage());
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !reader.cardPresent());
    }
}
