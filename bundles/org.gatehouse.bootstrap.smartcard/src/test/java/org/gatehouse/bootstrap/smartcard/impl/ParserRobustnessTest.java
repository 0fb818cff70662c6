package org.gatehouse.bootstrap.smartcard.impl;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of the test vectors (bytes flipped, changed, cut, inserted) through the DER and
 * container parsers and the TLV decoding: each input is parsed or refused with a CardDataException,
 * never an unchecked exception. 4,000 inputs per structure, the same every run.
 */
class ParserRobustnessTest {

    private interface Parser {
        void parse(byte[] input) throws CardDataException;
    }

    private static void mutate(byte[] seed, long randomSeed, Parser parser, String what) {
        Random random = new Random(randomSeed);
        for (int n = 0; n < 4000; n++) {
            byte[] input = seed.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && input.length > 0; e++) {
                int at = random.nextInt(input.length);
                switch (random.nextInt(4)) {
                    case 0 -> input[at] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> input[at] = (byte) random.nextInt(256);
                    case 2 -> input = Arrays.copyOf(input, at);
                    default -> {
                        byte[] longer = Arrays.copyOf(input, input.length + 1);
                        System.arraycopy(input, at, longer, at + 1, input.length - at);
                        longer[at] = (byte) random.nextInt(256);
                        input = longer;
                    }
                }
            }
            try {
                parser.parse(input);
            } catch (CardDataException refused) {
                // a precise refusal is what is wanted
            } catch (RuntimeException | StackOverflowError e) {
                fail(what + " mutation " + n + " (" + Vectors.HEX.formatHex(input) + ") threw " + e, e);
            }
        }
    }

    @Test
    void containers_and_their_tlv() {
        Parser container = input -> CardReading.decode(BootstrapContainer.parse(input), new TlvCodec(), CoreModels.all()::find);
        mutate(Vectors.TV2, 2, container, "TV-2");
        mutate(Vectors.TV3, 3, container, "TV-3");
    }

    @Test
    void odf_dodf_and_ef_dir_records() {
        mutate(Vectors.TV6_ODF, 6, Pkcs15::dataObjectDirectories, "ODF");
        mutate(Vectors.TV6_DODF, 7, input -> Pkcs15.bootstrapEntry(input, "DODF"), "DODF");
        mutate(Vectors.TV6_DODF_STANDARD, 8, input -> Pkcs15.bootstrapEntry(input, "DODF"), "DODF standard");
        byte[] dir = Vectors.HEX.parseHex("61214F0CA000000063504B43532D3135500D4C774D324D20504B4353233135" + "51025015");
        mutate(dir, 9, input -> Pkcs15.applications(input, 1), "EF DIR");
        for (byte[] fcp : List.of(Vectors.HEX.parseHex("62108202412183026432800200788A0105"))) {
            mutate(fcp, 10, input -> Fcp.parse(input), "FCP");
        }
    }
}
