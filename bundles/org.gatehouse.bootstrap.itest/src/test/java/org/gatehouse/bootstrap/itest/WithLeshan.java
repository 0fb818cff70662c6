package org.gatehouse.bootstrap.itest;

import java.nio.file.Path;
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

    @AfterEach
    void stopAll() {
        if (gateway != null) {
            gateway.close();
        }
        leshan.close();
    }

    TestGateway gateway(String endpoint, Map<String, Object> clientConfig) throws Exception {
        gateway = new TestGateway(dir.resolve("store"), endpoint, clientConfig);
        return gateway;
    }
}
