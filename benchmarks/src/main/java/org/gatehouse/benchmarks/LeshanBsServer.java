package org.gatehouse.benchmarks;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.peer.OscoreIdentity;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfigStoreTaskProvider;
import org.eclipse.leshan.server.bootstrap.InMemoryBootstrapConfigStore;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coap.CoapBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coaps.CoapsBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.security.BootstrapSecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;

/**
 * Eclipse Leshan's bootstrap server with an in-memory configuration store whose configuration of each
 * endpoint is the same as ours: Delete /, then one NoSec server account (Security /0/1, Server /1/0).
 */
final class LeshanBsServer implements BsLoad.Target {
    private final InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    private final Map<String, SecurityInfo> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, SecurityInfo> byIdentity = new ConcurrentHashMap<>();
    private final LeshanBootstrapServer server;

    LeshanBsServer() {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        LeshanBootstrapServerBuilder bs = new LeshanBootstrapServerBuilder();
        bs.setConfigStore(configs);
        bs.setTaskProvider(new BootstrapConfigStoreTaskProvider(configs));
        bs.setSecurityStore(new BootstrapSecurityStore() {
            @Override
            public Iterator<SecurityInfo> getAllByEndpoint(String endpoint) {
                SecurityInfo info = byEndpoint.get(endpoint);
                return info == null ? null : List.of(info).iterator();
            }

            @Override
            public SecurityInfo getByIdentity(String identity) {
                return byIdentity.get(identity);
            }

            @Override
            public SecurityInfo getByOscoreIdentity(OscoreIdentity identity) {
                return null;
            }
        });
        bs.setEndpointsProviders(new CaliforniumBootstrapServerEndpointsProvider.Builder(new CoapBootstrapServerProtocolProvider(),
            new CoapsBootstrapServerProtocolProvider()).addEndpoint(any, Protocol.COAP).addEndpoint(any, Protocol.COAPS).build());
        server = bs.build();
        server.start();
    }

    /** Leshan's store has no prefixes: one configuration per endpoint, added before the run. */
    void addNoSec(String endpoint) throws Exception {
        configs.add(endpoint, config());
    }

    private static BootstrapConfig config() {
        BootstrapConfig c = new BootstrapConfig();
        c.toDelete = List.of("/");
        BootstrapConfig.ServerSecurity s = new BootstrapConfig.ServerSecurity();
        s.uri = BsLoad.SERVER_URI;
        s.bootstrapServer = false;
        s.securityMode = SecurityMode.NO_SEC;
        s.publicKeyOrId = new byte[0];
        s.serverPublicKey = new byte[0];
        s.secretKey = new byte[0];
        s.serverId = 1;
        c.security.put(1, s);
        BootstrapConfig.ServerConfig server = new BootstrapConfig.ServerConfig();
        server.shortId = 1;
        server.lifetime = 86400;
        server.binding = EnumSet.of(BindingMode.U);
        c.servers.put(0, server);
        return c;
    }

    /** Californium's CoapServer pool (Leshan's and the responder's have the same names: only one is under load at a time). */
    @Override
    public List<String> threadPrefixes() {
        return List.of("CoapServer");
    }

    @Override
    public String name() {
        return "Leshan";
    }

    @Override
    public void addPsk(String endpoint, byte[] key) throws Exception {
        configs.add(endpoint, config());
        SecurityInfo info = SecurityInfo.newPreSharedKeyInfo(endpoint, endpoint, key);
        byEndpoint.put(endpoint, info);
        byIdentity.put(endpoint, info);
    }

    @Override
    public String uri(boolean psk) {
        return server.getEndpoint(psk ? Protocol.COAPS : Protocol.COAP).getURI().toString();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
