package org.gatehouse.lwm2m.codec.impl;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer, coverage-guided, on the SenML JSON decoder: parsed or refused with CodecException, no other exception,
 * no hang (an input taking over 5 s is a finding), no huge allocation (the fuzz run has a small heap).
 * Fuzzes for maxDuration in the build (JAZZER_MAX_DURATION overrides it, see scripts/fuzz.sh); seeds in
 * SenmlJsonFuzzTestInputs/senml_json_is_decoded_or_refused, the first byte picking the path (see {@link FuzzDecoding}).
 */
class SenmlJsonFuzzTest {

    private static final SenmlJsonCodec CODEC = new SenmlJsonCodec();

    @Timeout(value = 5, unit = TimeUnit.SECONDS) // Jazzer's per-input limit, with room for a busy machine; @FuzzTest must come last
    @FuzzTest(maxDuration = "5s")
    void senml_json_is_decoded_or_refused(byte[] input) {
        FuzzDecoding.decode(CODEC, input);
    }
}
