package org.gatehouse.bootstrap.itest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.bsserver.BootstrapConfigs;
import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.jdbc.JdbcBootstrapStorage;
import org.gatehouse.bsserver.impl.BootstrapServerComponent;
import org.gatehouse.bsserver.impl.ConfigStore;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;

import static org.awaitility.Awaitility.await;

/**
 * Gatehouse's bootstrap server wired by hand as DS would wire it: its storage, configurations and
 * server component on a real transport, CoAP and CoAPs on free loopback ports.
 */
final class OurBootstrapServer implements AutoCloseable {

    final BootstrapStorage storage;
    final BootstrapConfigs configs;
    final BootstrapServerComponent server;
    private final CaliforniumTransport transport;

    /** On the embedded H2 engine in {@code dir}, as node "node-a". */
    OurBootstrapServer(java.nio.file.Path dir) throws Exception {
        this(JdbcBootstrapStorage.h2(dir, "node-a"), Map.of());
    }

    /** @param config server configuration beyond the test's ports and timeouts (keys as the Config methods) */
    OurBootstrapServer(BootstrapStorage storage, Map<String, Object> config) throws Exception {
        this.storage = storage;
        ModelRegistry models = ModelRegistry.of(CoreModels.all());
        this.configs = new ConfigStore(storage, models);
        this.transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class,
            Map.of("dtls_retransmission_timeout", 500, "dtls_max_retransmissions", 2)));
        this.server = new BootstrapServerComponent(transport, storage, configs, models, Configs.of(BootstrapServerComponent.Config.class,
            with(config, Map.of("coap_port", 0, "coaps_port", 0, "session_timeout", 30, "request_timeout", 5))));
        List.of(new TlvCodec(), new SenmlCborCodec(), new SenmlJsonCodec()).forEach(server::addCodec);
    }

    private static Map<String, Object> with(Map<String, Object> extra, Map<String, Object> base) {
        Map<String, Object> all = new java.util.HashMap<>(base);
        all.putAll(extra);
        return all;
    }

    String coapUri() {
        return "coap://127.0.0.1:" + server.coapAddress().orElseThrow().getPort();
    }

    String coapsUri() {
        return "coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort();
    }

    /** The last session of {@code endpoint} once it has ended. */
    SessionRecord ended(String endpoint) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> storage.sessions(Optional.of(endpoint), 1).stream().findFirst(),
            s -> s.isPresent() && s.get().outcome().isPresent()).orElseThrow();
    }

    @Override
    public void close() {
        server.deactivate();
        transport.deactivate();
        if (storage instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
