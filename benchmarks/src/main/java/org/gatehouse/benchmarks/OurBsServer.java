package org.gatehouse.benchmarks;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.gatehouse.bootstrap.itest.Configs;
import org.gatehouse.bsserver.BootstrapConfigs;
import org.gatehouse.bsserver.impl.BootstrapServerComponent;
import org.gatehouse.bsserver.impl.ConfigStore;
import org.gatehouse.bsserver.storage.jdbc.JdbcBootstrapStorage;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;

/**
 * Gatehouse's bootstrap server wired by hand as DS would wire it (embedded H2 storage, CoAP and CoAPs
 * on free loopback ports), serving {@code bench-*} with one NoSec server account after Delete /.
 */
final class OurBsServer implements BsLoad.Target {
    private final JdbcBootstrapStorage storage;
    private final BootstrapConfigs configs;
    private final BootstrapServerComponent server;
    private final CaliforniumTransport transport;

    OurBsServer(Path dir, int maxSessions) throws Exception {
        storage = JdbcBootstrapStorage.h2(dir, "bench");
        ModelRegistry models = ModelRegistry.of(CoreModels.all());
        configs = new ConfigStore(storage, models);
        // -Dbench.protocol.threads (scripts/bench.sh: PROTOCOL_THREADS=1) sets the transport's protocol.threads; else its default
        Integer threads = Integer.getInteger("bench.protocol.threads");
        transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class,
            threads == null ? Map.of() : Map.of("protocol_threads", threads)));
        server = new BootstrapServerComponent(transport, storage, configs, models, Configs.of(BootstrapServerComponent.Config.class,
            Map.of("coap_port", 0, "coaps_port", 0, "max_sessions", maxSessions, "session_timeout", 60, "request_timeout", 10)));
        List.of(new TlvCodec(), new SenmlCborCodec(), new SenmlJsonCodec()).forEach(server::addCodec);
        configs.put(config("bench-*", null));
    }

    private static String config(String endpoint, byte[] psk) {
        String credential = psk == null ? ""
            : ",\"credential\":{\"mode\":\"psk\",\"identity\":\"" + endpoint + "\",\"key\":\"hex:" + HexFormat.of().formatHex(psk) + "\"}";
        return "{\"endpoint\":\"" + endpoint + "\"" + credential
            + ",\"deleteFirst\":true,\"servers\":[{\"ssid\":1,\"uri\":\"" + BsLoad.SERVER_URI + "\"}]}";
    }

    @Override
    public List<String> threadPrefixes() {
        return List.of("gatehouse-coap", "bsserver-", "MVStore", "H2-");
    }

    @Override
    public String name() {
        return "Gatehouse";
    }

    @Override
    public void addPsk(String endpoint, byte[] key) throws Exception {
        configs.put(config(endpoint, key));
    }

    @Override
    public String uri(boolean psk) {
        return psk ? "coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort()
            : "coap://127.0.0.1:" + server.coapAddress().orElseThrow().getPort();
    }

    @Override
    public void close() {
        server.deactivate();
        transport.deactivate();
        storage.close();
    }
}
