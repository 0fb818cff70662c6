package org.gatehouse.lwm2m.codec.impl;

import java.util.concurrent.TimeUnit;

import org.gatehouse.lwm2m.codec.CodecException;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer, coverage-guided, on the CoRE link format parser (a Register's object list, a Discover answer):
 * parsed or refused with CodecException, nothing else, no hang. Fuzzes for maxDuration in the build
 * (JAZZER_MAX_DURATION overrides it, see scripts/fuzz.sh); seeds in LinkFormatFuzzTestInputs.
 */
class LinkFormatFuzzTest {

    private static final CoreLinkCodec CODEC = new CoreLinkCodec();

    @Timeout(value = 5, unit = TimeUnit.SECONDS) // Jazzer's per-input limit, with room for a busy machine; @FuzzTest must come last
    @FuzzTest(maxDuration = "5s")
    void link_format_is_parsed_or_refused(byte[] input) {
        try {
            CODEC.decode(input);
        } catch (CodecException refused) {
            // the expected answer to bad bytes
        }
    }
}
