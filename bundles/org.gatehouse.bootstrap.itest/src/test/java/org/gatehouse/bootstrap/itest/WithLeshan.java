package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Fresh Leshan peers for each test, and a gateway closed after it. */
abstract class WithLeshan {

    @TempDir
    Path dir;
    LeshanPeers leshan;
    TestGateway gateway;

    @BeforeEach
    void startPeers() {
        leshan = new LeshanPeers();
    }

    /** Set by a test that makes Leshan's bootstrap sessions fail on purpose; otherwise any failed one fails the test. */
    boolean bootstrapFailuresExpected;

    @AfterEach
    void stopAll() {
        try {
            leshan.sessions.awaitQuiet(Duration.ofSeconds(5));
            if (!bootstrapFailuresExpected) {
                assertEquals(List.of(), leshan.sessions.failures(), "bootstrap sessions Leshan recorded as failed");
                assertEquals(Map.of(), leshan.sessions.open(), "bootstrap sessions Leshan still has open");
            }
        } finally {
            if (gateway != null) {
                gateway.close();
            }
            leshan.close();
        }
    }

    TestGateway gateway(String endpoint, Map<String, Object> clientConfig) throws Exception {
        gateway = new TestGateway(dir.resolve("store"), endpoint, clientConfig);
        return gateway;
    }
}
