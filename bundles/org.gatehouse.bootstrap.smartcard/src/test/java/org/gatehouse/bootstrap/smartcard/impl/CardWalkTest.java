package org.gatehouse.bootstrap.smartcard.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.gatehouse.smartcard.virtual.CardImage;
import org.gatehouse.smartcard.virtual.DirectReader;
import org.gatehouse.smartcard.virtual.ImageBuilder;
import org.gatehouse.smartcard.virtual.ImageBuilder.Layout;
import org.gatehouse.smartcard.virtual.ImageBuilder.OidEncoding;
import org.gatehouse.smartcard.virtual.ImageBuilder.PathForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The walk to EF LwM2M_Bootstrap over a virtual card in the same process (no PC/SC): the layouts cards
 * have (file IDs, path forms, record order, OID encodings, T=0, padding, a PIN), the APDU count, and
 * the cards that have no LwM2M data or a broken structure.
 */
class CardWalkTest {

    private final DirectReader reader = new DirectReader("direct");

    private static final class TestPin implements CardWalk.Pin {
        Optional<String> value = Optional.empty();
        final AtomicInteger refusals = new AtomicInteger();

        @Override
        public Optional<String> value() {
            return value;
        }

        @Override
        public int reference() {
            return 0x01;
        }

        @Override
        public void refused(String status) {
            refusals.incrementAndGet();
        }
    }

    private final TestPin pin = new TestPin();

    private CardReading.Raw read(CardImage image, boolean t0) throws Exception {
        reader.insert(image, t0);
        return CardReading.read(reader, pin, Duration.ofSeconds(1));
    }

    @Test
    void tv2_on_a_standard_card_in_the_fewest_apdus() throws Exception {
        CardReading.Raw raw = read(ImageBuilder.build(Vectors.TV2, Layout.standard()), false);
        assertArrayEquals(Vectors.TV2, raw.content().data());
        // SELECT EF DIR, READ RECORD 1, MANAGE CHANNEL, SELECT AID, SELECT+READ ODF, SELECT+READ DODF,
        // SELECT+READ EF LwM2M_Bootstrap (126 bytes: one READ BINARY), MANAGE CHANNEL close
        assertEquals(11, raw.apdus(), raw.steps().toString());
        assertEquals(11, reader.card().commands());
        assertEquals(6, raw.steps().size(), raw.steps().toString());
        assertTrue(raw.steps().get(0).startsWith("EF DIR 2F00 record 1: PKCS#15 application A000000063504B43532D3135"), raw.steps().get(0));
    }

    @ParameterizedTest
    @EnumSource(PathForm.class)
    void every_path_form_and_unusual_file_ids_are_followed(PathForm form) throws Exception {
        Layout layout = Layout.standard().withFiles(0x7F66, 0x5031, 0x4401, 0x4E2A).withPathForm(form).withDirRecord(3);
        CardReading.Raw raw = read(ImageBuilder.build(Vectors.TV3, layout), false);
        assertArrayEquals(java.util.Arrays.copyOf(Vectors.TV3, 58), raw.content().data());
        assertTrue(raw.steps().get(0).contains("record 3"), "the PKCS#15 application found after two USIM records");
    }

    @ParameterizedTest
    @EnumSource(OidEncoding.class)
    void both_oid_encodings_are_found(OidEncoding oid) throws Exception {
        CardReading.Raw raw = read(ImageBuilder.build(Vectors.TV2, Layout.standard().withOid(oid)), false);
        assertEquals(oid == OidEncoding.DOUBLE, raw.steps().stream().anyMatch(s -> s.contains("doubly encoded")), raw.steps().toString());
    }

    @Test
    void padding_is_not_read_once_the_header_gives_the_size() throws Exception {
        CardReading.Raw raw = read(ImageBuilder.build(Vectors.TV2, Layout.standard().withPadTo(600)), false);
        assertArrayEquals(Vectors.TV2, raw.content().data(), "padding trimmed");
        assertEquals(11, reader.card().commands(), "one READ BINARY, as for the unpadded file");
        byte[] large = BootstrapFileOf.objects(700);
        CardReading.Raw big = read(ImageBuilder.build(large, Layout.standard().withPadTo(2000)), false);
        assertArrayEquals(large, big.content().data());
        assertEquals(10 + 3, reader.card().commands(), "704 bytes: three READ BINARY (256 + 256 + 192), the padding after them never read");
    }

    @Test
    void a_t0_card_answers_through_get_response_and_6c() throws Exception {
        CardReading.Raw raw = read(ImageBuilder.build(Vectors.TV2, Layout.standard().withPadTo(600)), true);
        assertArrayEquals(Vectors.TV2, raw.content().data());
        assertTrue(reader.card().commands() > 11, "GET RESPONSE after each answer with data: " + reader.card().commands());
    }

    @Test
    void a_private_file_is_read_after_verify_and_a_refused_pin_is_reported_once() throws Exception {
        CardImage image = ImageBuilder.build(Vectors.TV2, Layout.standard().withPin(0x01, "1234"));
        CardDataException none = assertThrows(CardDataException.class, () -> read(image, false));
        assertTrue(none.getMessage().contains("needs a PIN (its DODF entry is private) and none is configured"), none.getMessage());
        pin.value = Optional.of("9999");
        CardDataException wrong = assertThrows(CardDataException.class, () -> read(image, false));
        assertTrue(wrong.getMessage().contains("refused the configured PIN (63C2, 2 tries left)"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("9999"), "the PIN is never in a message");
        assertEquals(1, pin.refusals.get());
        pin.value = Optional.of("1234");
        CardReading.Raw raw = read(image, false);
        assertArrayEquals(Vectors.TV2, raw.content().data());
        assertTrue(raw.steps().contains("VERIFY PIN 01: accepted"), raw.steps().toString());
    }

    @Test
    void cards_without_lwm2m_data_are_absent_not_errors() throws Exception {
        CardImage noApp = new CardImage(ImageBuilder.ATR, List.of(new CardImage.FileNode("3F00", true, null, false, List.of(), false)), Optional.empty());
        CardDataException noDir = assertThrows(CardDataException.class, () -> read(noApp, false));
        assertTrue(noDir.absent());
        CardImage full = ImageBuilder.build(Vectors.TV2, Layout.standard());
        String dodfPath = "3F00/5015/6430";
        CardImage otherOid = replace(full, dodfPath, Vectors.HEX.parseHex("A11230003000A10C300A06035504033003040164"));
        CardDataException noEntry = assertThrows(CardDataException.class, () -> read(otherOid, false));
        assertTrue(noEntry.absent(), noEntry.getMessage());
        assertEquals("no PKCS#15 data object with OID 2.23.43.9.1 (LwM2M bootstrap) on the card", noEntry.getMessage());
    }

    @Test
    void broken_structures_are_errors_naming_the_file() throws Exception {
        CardImage full = ImageBuilder.build(Vectors.TV2, Layout.standard());
        CardDataException badOdf = assertThrows(CardDataException.class, () -> read(replace(full, "3F00/5015/5031",
            Vectors.HEX.parseHex("A7063004040299")), false));
        assertFalse(badOdf.absent());
        assertTrue(badOdf.getMessage().startsWith("EF ODF: at byte 0: malformed DER"), badOdf.getMessage());
        CardDataException dangling = assertThrows(CardDataException.class, () -> read(replace(full, "3F00/5015/6430", Vectors.TV6_DODF_STANDARD
            .clone()).withContent("3F00/5015/6430", dodfPointingAt("6499")), false));
        assertTrue(dangling.getMessage().contains("SELECT 6499 answered 6A82 (file not found)"), dangling.getMessage());
        CardDataException truncated = assertThrows(CardDataException.class, () -> CardReading.read(insert(replace(full, "3F00/5015/6432",
            java.util.Arrays.copyOf(Vectors.TV2, 100))), pin, Duration.ofSeconds(1)));
        assertTrue(truncated.getMessage().contains("only 96 follow the header (a truncated file?)"), truncated.getMessage());
    }

    /** Containers of a chosen size: one opaque-ish object (unmodelled id) filling it. */
    private static final class BootstrapFileOf {
        static byte[] objects(int tlvLength) {
            return org.gatehouse.smartcard.virtual.BootstrapFile.encode(List.of(org.gatehouse.smartcard.virtual.BootstrapFile.Entry.implicit(30000,
                new byte[tlvLength])));
        }
    }

    private DirectReader insert(CardImage image) {
        reader.insert(image, false);
        return reader;
    }

    private static byte[] dodfPointingAt(String fid) {
        byte[] d = Vectors.TV6_DODF_STANDARD.clone();
        byte[] f = Vectors.HEX.parseHex(fid);
        d[d.length - 2] = f[0];
        d[d.length - 1] = f[1];
        return d;
    }

    private static CardImage replace(CardImage image, String path, byte[] content) {
        return image.withContent(path, content);
    }
}
