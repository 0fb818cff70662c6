package org.gatehouse.bootstrap.itest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.RegisterRequest;

/**
 * Eclipse Leshan's client with only a bootstrap-server account, as a device leaves the factory: what
 * it reports (bootstrap success or failure and its code, registration) and what objects it holds.
 * Shared with the runtime's system tests.
 */
public final class LeshanBootstrapClient implements AutoCloseable {

    private static final StaticModel MODEL = new StaticModel(ObjectLoader.loadDefault());

    public final LeshanClient client;
    /** True on bootstrap success; false with {@link #failure} on failure. */
    public final CompletableFuture<Boolean> bootstrapped = new CompletableFuture<>();
    public final CompletableFuture<ResponseCode> failure = new CompletableFuture<>();
    public final CompletableFuture<String> registered = new CompletableFuture<>();
    /** How each bootstrap attempt ended, in order: "success", "failure &lt;code&gt;" or "timeout". */
    public final List<String> attempts = new CopyOnWriteArrayList<>();
    /** The server whose Register got no answer first (e.g. its DTLS handshake was refused without an alert). */
    public final CompletableFuture<String> registrationTimedOut = new CompletableFuture<>();

    public LeshanBootstrapClient(String endpoint, Security bootstrapAccount) {
        this(endpoint, bootstrapAccount, b -> {
        }, c -> {
        });
    }

    /**
     * @param tuning changes to the builder before the client is built, e.g. shorter timers of its registration engine
     * @param coap changes to the client's CoAP/DTLS configuration (e.g. shorter handshake timers)
     */
    public LeshanBootstrapClient(String endpoint, Security bootstrapAccount, Consumer<LeshanClientBuilder> tuning, Consumer<Configuration> coap) {
        ObjectsInitializer init = new ObjectsInitializer(MODEL);
        init.setInstancesForObject(0, bootstrapAccount);
        init.setClassForObject(1, Server.class);
        init.setInstancesForObject(3, new Device("Leshan", "bsserver-interop", "0001"));
        LeshanClientBuilder b = new LeshanClientBuilder(endpoint);
        b.setObjects(init.createAll());
        CaliforniumClientEndpointsProvider.Builder endpoints = new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider(),
            new CoapsClientProtocolProvider());
        Configuration configuration = endpoints.createDefaultConfiguration();
        coap.accept(configuration);
        b.setEndpointsProviders(endpoints.setConfiguration(configuration).build());
        tuning.accept(b);
        client = b.build();
        client.addObserver(new LwM2mClientObserverAdapter() {
            @Override
            public void onBootstrapSuccess(LwM2mServer bsserver, BootstrapRequest request) {
                attempts.add("success");
                bootstrapped.complete(true);
            }

            @Override
            public void onBootstrapFailure(LwM2mServer bsserver, BootstrapRequest request, ResponseCode code, String message, Exception cause) {
                attempts.add("failure " + code);
                failure.complete(code);
                bootstrapped.complete(false);
            }

            @Override
            public void onBootstrapTimeout(LwM2mServer bsserver, BootstrapRequest request) {
                attempts.add("timeout");
            }

            @Override
            public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String registrationID) {
                registered.complete(server.getUri());
            }

            @Override
            public void onRegistrationTimeout(LwM2mServer server, RegisterRequest request) {
                registrationTimedOut.complete(server.getUri());
            }
        });
        client.start();
    }

    /** What the client holds of object {@code id}, read as the client itself would (no access control). */
    public LwM2mObject object(int id) {
        return (LwM2mObject) client.getObjectTree().getObjectEnabler(id).read(LwM2mServer.SYSTEM, new ReadRequest(id)).getContent();
    }

    @Override
    public void close() {
        client.destroy(false);
    }
}
