package org.gatehouse.bootstrap.itest;

import static org.gatehouse.bootstrap.itest.TestCertificates.keytool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.gatehouse.bootstrap.itest.TestCertificates.Identity;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** X.509 registration with Leshan: the server's certificate pinned (certificate usage 3), and a wrong one refused. */
class X509Test {

    @TempDir
    Path dir;

    @Test
    void x509_registration_with_the_server_certificate_pinned() throws Exception {
        Identity server = keytool(dir, "server", "localhost", "ip:127.0.0.1");
        Identity client = keytool(dir, "client", "gw-x509", null);
        Identity stranger = keytool(dir, "stranger", "somebody", "ip:127.0.0.1");
        InMemorySecurityStore security = new InMemorySecurityStore();
        security.add(SecurityInfo.newX509CertInfo("gw-x509"));
        LeshanServerBuilder b = new LeshanServerBuilder();
        b.setSecurityStore(security);
        b.setPrivateKey(server.key());
        b.setCertificateChain(new X509Certificate[] {server.cert()});
        b.setTrustedCertificates(new X509Certificate[] {client.cert()});
        b.setEndpointsProviders(new CaliforniumServerEndpointsProvider.Builder(new CoapsServerProtocolProvider())
            .addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAPS).build());
        LeshanServer leshan = b.build();
        leshan.start();
        CaliforniumTransport transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class,
            Map.of("dtls_retransmission_timeout", 300, "dtls_max_retransmissions", 1)));
        try {
            PeerSpec good = new PeerSpec("server 101", leshan.getEndpoint(Protocol.COAPS).getURI(), new PeerSecurity.X509(
                client.cert().getEncoded(), client.key().getEncoded(), server.cert().getEncoded(), 3, ""));
            CoapRequest register = CoapRequest.of(Method.POST, "/rd").withQuery(List.of("ep=gw-x509", "lt=60", "lwm2m=1.1", "b=U"))
                .withPayload(40, "</1/0>,</3/0>".getBytes());
            try (Connection c = transport.open(good, r -> org.gatehouse.coap.CoapResponse.of(ResponseCode.CONTENT))) {
                assertEquals(ResponseCode.CREATED, c.send(register, Duration.ofSeconds(10)).code());
            }
            assertNotNull(leshan.getRegistrationService().getByEndpoint("gw-x509"));

            PeerSpec pinnedWrong = new PeerSpec("server 101", leshan.getEndpoint(Protocol.COAPS).getURI(), new PeerSecurity.X509(
                client.cert().getEncoded(), client.key().getEncoded(), stranger.cert().getEncoded(), 3, ""));
            try (Connection c = transport.open(pinnedWrong, r -> org.gatehouse.coap.CoapResponse.of(ResponseCode.CONTENT))) {
                TransportException e = org.junit.jupiter.api.Assertions.assertThrows(TransportException.class, () -> c.send(register, Duration.ofSeconds(10)));
                assertTrue(e.kind() == TransportException.Kind.HANDSHAKE_FAILED || e.kind() == TransportException.Kind.TIMEOUT, e.getMessage());
            }
        } finally {
            transport.deactivate();
            leshan.destroy();
        }
    }
}
