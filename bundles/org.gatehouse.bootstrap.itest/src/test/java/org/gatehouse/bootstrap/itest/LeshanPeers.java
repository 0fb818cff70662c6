package org.gatehouse.bootstrap.itest;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.List;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.peer.OscoreIdentity;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.bootstrap.InMemoryBootstrapConfigStore;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coap.CoapBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coaps.CoapsBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.security.BootstrapSecurityStore;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;

/** Eclipse Leshan's bootstrap server and server on loopback, CoAP and CoAPS, as independent peers. */
public final class LeshanPeers implements AutoCloseable {

    public final InMemoryBootstrapConfigStore bootstrapConfigs = new InMemoryBootstrapConfigStore();
    final InMemorySecurityStore bootstrapSecurity = new InMemorySecurityStore();
    final InMemorySecurityStore serverSecurity = new InMemorySecurityStore();
    final LeshanBootstrapServer bootstrapServer;
    /** How each bootstrap session ended, as Leshan's bootstrap server saw it. */
    public final LeshanSessions sessions = new LeshanSessions();
    public final LeshanServer server;
    private final java.util.concurrent.atomic.AtomicBoolean refusing = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();

    public LeshanPeers() {
        this(p -> p);
    }

    /** @param tasks wraps the bootstrap server's task provider, to send requests of a test's choosing first */
    public LeshanPeers(java.util.function.UnaryOperator<org.eclipse.leshan.server.bootstrap.BootstrapTaskProvider> tasks) {
        this(tasks, c -> {
        });
    }

    /** @param coap changes to the CoAP/DTLS configuration of both Leshan servers (e.g. shorter timers) */
    public LeshanPeers(java.util.function.UnaryOperator<org.eclipse.leshan.server.bootstrap.BootstrapTaskProvider> tasks,
            java.util.function.Consumer<org.eclipse.californium.elements.config.Configuration> coap) {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        LeshanBootstrapServerBuilder bs = new LeshanBootstrapServerBuilder();
        bs.setConfigStore(bootstrapConfigs);
        bs.setTaskProvider(tasks.apply(new org.eclipse.leshan.server.bootstrap.BootstrapConfigStoreTaskProvider(bootstrapConfigs)));
        bs.setSecurityStore(new BootstrapSecurityStore() {
            @Override
            public Iterator<SecurityInfo> getAllByEndpoint(String endpoint) {
                SecurityInfo info = bootstrapSecurity.getByEndpoint(endpoint);
                return info == null ? null : List.of(info).iterator();
            }

            @Override
            public SecurityInfo getByIdentity(String identity) {
                return bootstrapSecurity.getByIdentity(identity);
            }

            @Override
            public SecurityInfo getByOscoreIdentity(OscoreIdentity identity) {
                return null;
            }
        });
        bs.setEndpointsProviders(new CaliforniumBootstrapServerEndpointsProvider.Builder(new CoapBootstrapServerProtocolProvider(),
            new CoapsBootstrapServerProtocolProvider()).setConfiguration(coap).addEndpoint(any, Protocol.COAP).addEndpoint(any, Protocol.COAPS).build());
        bootstrapServer = bs.build();
        bootstrapServer.addListener(sessions);
        bootstrapServer.start();

        LeshanServerBuilder s = new LeshanServerBuilder();
        s.setSecurityStore(serverSecurity);
        org.eclipse.leshan.server.security.DefaultAuthorizer standard = new org.eclipse.leshan.server.security.DefaultAuthorizer(serverSecurity);
        s.setAuthorizer((request, registration, sender) -> {
            if (refusing.get()) {
                refusals.incrementAndGet();
                return org.eclipse.leshan.server.security.Authorization.declined();
            }
            return standard.isAuthorized(request, registration, sender);
        });
        s.setEndpointsProviders(new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider(), new CoapsServerProtocolProvider())
            .setConfiguration(coap).addEndpoint(any, Protocol.COAP).addEndpoint(any, Protocol.COAPS).build());
        server = s.build();
        server.start();
    }

    /** While true, Leshan's server declines every Register and Update (4.03), as a server that dropped the client would. */
    public void refuseRegistrations(boolean refuse) {
        refusing.set(refuse);
    }

    /** How many requests Leshan's server declined while {@link #refuseRegistrations} was on. */
    public int refusals() {
        return refusals.get();
    }

    /** Lets {@code endpoint} in over DTLS with a pre-shared key, at the bootstrap server and at the server. */
    public void addPsk(String endpoint, String identity, byte[] key) {
        try {
            bootstrapSecurity.add(SecurityInfo.newPreSharedKeyInfo(endpoint, identity, key));
            serverSecurity.add(SecurityInfo.newPreSharedKeyInfo(endpoint, identity, key));
        } catch (org.eclipse.leshan.server.security.NonUniqueSecurityInfoException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public String bootstrapUri(Protocol protocol) {
        return bootstrapServer.getEndpoint(protocol).getURI().toString();
    }

    public String serverUri(Protocol protocol) {
        return server.getEndpoint(protocol).getURI().toString();
    }

    @Override
    public void close() {
        bootstrapServer.destroy();
        server.destroy();
    }
}
