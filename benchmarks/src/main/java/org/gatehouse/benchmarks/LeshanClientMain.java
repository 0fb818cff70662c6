package org.gatehouse.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;

/**
 * Leshan's client as its own process, for the cold-start comparison: bootstraps from args[0] as
 * endpoint args[1]; with args[2] (PSK identity) and args[3] (key, hex) over DTLS, which is then the
 * only case that carries Scandium.
 */
public final class LeshanClientMain {
    private LeshanClientMain() {
    }

    public static void main(String[] args) throws Exception {
        ObjectsInitializer init = new ObjectsInitializer(new StaticModel(ObjectLoader.loadDefault()));
        boolean psk = args.length > 3;
        init.setInstancesForObject(0, psk
            ? Security.pskBootstrap(args[0], args[2].getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(args[3]))
            : Security.noSecBootstrap(args[0]));
        init.setClassForObject(1, Server.class);
        init.setInstancesForObject(3, new Device("Leshan", "client", "0000"));
        LeshanClientBuilder b = new LeshanClientBuilder(args[1]);
        b.setObjects(init.createAll());
        b.setEndpointsProviders(psk
            ? new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider(), new CoapsClientProtocolProvider()).build()
            : new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider()).build());
        LeshanClient client = b.build();
        client.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
