package org.gatehouse.bootstrap.smartcard.impl;

import org.gatehouse.bootstrap.smartcard.CardDataException;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer, coverage-guided, through every parser that sees card bytes: the Appendix G container with
 * the TLV decoding, EF ODF, a DODF, an EF DIR record, an FCP. The first byte picks the parser. Any
 * exception but CardDataException is a finding. Fuzzes for a bounded time in every build (the pom sets
 * JAZZER_FUZZ); its seeds are the reference's test vectors.
 */
class ParserFuzzTest {

    private static final TlvCodec TLV = new TlvCodec();

    @FuzzTest(maxDuration = "30s")
    void card_bytes_are_parsed_or_refused(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] data = java.util.Arrays.copyOfRange(input, 1, input.length);
        try {
            switch ((input[0] & 0xFF) % 5) {
                case 0 -> CardReading.decode(BootstrapContainer.parse(data), TLV, CoreModels.all()::find);
                case 1 -> Pkcs15.dataObjectDirectories(data);
                case 2 -> Pkcs15.bootstrapEntry(data, "EF DODF");
                case 3 -> Pkcs15.applications(data, 1);
                default -> Fcp.parse(data);
            }
        } catch (CardDataException refused) {
            // a precise refusal is the expected answer to bad bytes
        }
    }
}
