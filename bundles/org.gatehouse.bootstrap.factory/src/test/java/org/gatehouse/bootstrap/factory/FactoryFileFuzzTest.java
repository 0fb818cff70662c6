package org.gatehouse.bootstrap.factory;

import java.util.concurrent.TimeUnit;

import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer, coverage-guided, on the factory configuration file as {@link FactoryMode} reads it (SenML JSON,
 * several objects with absolute paths, the core models): parsed or refused with CodecException, nothing
 * else, no hang. Fuzzes for maxDuration in the build (JAZZER_MAX_DURATION overrides it, see scripts/fuzz.sh);
 * seeds in FactoryFileFuzzTestInputs.
 */
class FactoryFileFuzzTest {

    private static final SenmlJsonCodec SENML = new SenmlJsonCodec();

    @Timeout(value = 5, unit = TimeUnit.SECONDS) // Jazzer's per-input limit, with room for a busy machine; @FuzzTest must come last
    @FuzzTest(maxDuration = "5s")
    void factory_file_is_read_or_refused(byte[] input) {
        try {
            SENML.decodeObjects(input, CoreModels.all());
        } catch (CodecException refused) {
            // the expected answer to a bad file: the mode applies nothing and says why
        }
    }
}
