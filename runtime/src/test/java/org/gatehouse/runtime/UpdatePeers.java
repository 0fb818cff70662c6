package org.gatehouse.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.model.StaticModelProvider;

import com.sun.net.httpserver.HttpServer;

/**
 * What the update system tests run against: Leshan's server on loopback (knowing the update object's
 * latest model from the registry), an HTTP server for the packages, and a copy of the distribution
 * whose factory file names that Leshan server (SSID 101, NoSec) directly.
 */
final class UpdatePeers {

    private UpdatePeers() {
    }

    /** Leshan's server with its default models plus {@code objectIds}' DDF files from the LwM2M registry. */
    static LeshanServer leshan(int... objectIds) throws Exception {
        List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadAllDefault());
        Path registry = Path.of(System.getProperty("lwm2m.registry", "../../shared/lwm2m-registry"));
        for (int id : objectIds) {
            // the gateway registers these objects in their latest version: Leshan needs that model to type their values
            try (InputStream in = Files.newInputStream(registry.resolve(id + ".xml"))) {
                models.addAll(ObjectLoader.loadDdfFile(in, id + ".xml"));
            }
        }
        LeshanServerBuilder b = new LeshanServerBuilder();
        b.setObjectModelProvider(new StaticModelProvider(models));
        b.setEndpointsProviders(new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider())
            .addEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Protocol.COAP).build());
        LeshanServer server = b.build();
        server.start();
        return server;
    }

    /** An HTTP server on loopback answering each path with its body in {@code served}, 404 otherwise. */
    static HttpServer serve(Map<String, byte[]> served) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", x -> {
            byte[] body = served.get(x.getRequestURI().getPath());
            x.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = x.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        http.start();
        return http;
    }

    /** A copy of the distribution in {@code dir} as endpoint {@code ep}, whose factory file names {@code leshan} (101, NoSec). */
    static Path installWithServer(Path dir, String ep, LeshanServer leshan) throws IOException {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        Files.writeString(home.resolve("etc/org.gatehouse.endpoint.cfg"), "name=" + ep + "\n");
        String server = leshan.getEndpoint(Protocol.COAP).getURI().toString();
        Files.writeString(home.resolve("etc/factory-bootstrap.json"), "[{\"bn\":\"/0/0/\",\"n\":\"0\",\"vs\":\"" + server
            + "\"},{\"n\":\"1\",\"vb\":false},{\"n\":\"2\",\"v\":3},{\"n\":\"10\",\"v\":101},"
            + "{\"bn\":\"/1/0/\",\"n\":\"0\",\"v\":101},{\"n\":\"1\",\"v\":300},{\"n\":\"6\",\"vb\":false},{\"n\":\"7\",\"vs\":\"U\"}]");
        return home;
    }

    static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
