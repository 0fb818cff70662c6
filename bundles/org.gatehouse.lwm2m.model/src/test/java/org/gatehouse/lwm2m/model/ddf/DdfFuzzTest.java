package org.gatehouse.lwm2m.model.ddf;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer, coverage-guided, on the DDF XML parser (object definitions a user drops into the models folder):
 * parsed or refused with DdfException, no other exception, no hang, no entity expansion. Fuzzes for
 * maxDuration in the build (JAZZER_MAX_DURATION overrides it, see scripts/fuzz.sh); seeds in DdfFuzzTestInputs.
 */
class DdfFuzzTest {

    static {
        // the XML parser's first error loads its message bundles, over a second on a busy machine: not a
        // hang of the input that happens to be first, so it is done before fuzzing starts
        try {
            DdfParser.parse(new ByteArrayInputStream("<LWM2M><Object></Obj>".getBytes(StandardCharsets.UTF_8)), "warm-up");
        } catch (DdfException expected) {
            // the point
        }
    }

    @Timeout(value = 5, unit = TimeUnit.SECONDS) // Jazzer's per-input limit, with room for a busy machine; @FuzzTest must come last
    @FuzzTest(maxDuration = "5s")
    void ddf_is_parsed_or_refused(byte[] input) {
        try {
            DdfParser.parse(new ByteArrayInputStream(input), "fuzz.xml");
        } catch (DdfException refused) {
            // the expected answer to a bad file
        }
    }
}
