package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.junit.jupiter.api.Test;

/** The transport on its own: RPK against Leshan, and requests from a stranger refused. */
class TransportSecurityTest {

    private final CaliforniumTransport transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class,
        Map.of("ack_timeout", 500, "max_retransmit", 2, "dtls_retransmission_timeout", 500, "dtls_max_retransmissions", 2)));

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    @Test
    void rpk_registration_with_leshan() throws Exception {
        KeyPair server = ec();
        KeyPair client = ec();
        InMemorySecurityStore security = new InMemorySecurityStore();
        LeshanServerBuilder b = new LeshanServerBuilder();
        b.setSecurityStore(security);
        b.setPublicKey(server.getPublic());
        b.setPrivateKey(server.getPrivate());
        b.setEndpointsProviders(new CaliforniumServerEndpointsProvider.Builder(new CoapsServerProtocolProvider())
            .addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAPS).build());
        LeshanServer leshan = b.build();
        leshan.start();
        try {
            security.add(SecurityInfo.newRawPublicKeyInfo("gw-rpk", client.getPublic()));
            PeerSpec peer = new PeerSpec("server 101", leshan.getEndpoint(Protocol.COAPS).getURI(),
                new PeerSecurity.Rpk(client.getPublic().getEncoded(), client.getPrivate().getEncoded(), server.getPublic().getEncoded()));
            try (Connection c = transport.open(peer, r -> org.gatehouse.coap.CoapResponse.of(ResponseCode.CONTENT))) {
                var response = c.send(CoapRequest.of(Method.POST, "/rd").withQuery(List.of("ep=gw-rpk", "lt=60", "lwm2m=1.1", "b=U"))
                    .withPayload(40, "</1/0>,</3/0>".getBytes()), Duration.ofSeconds(10));
                assertEquals(ResponseCode.CREATED, response.code(), response.text());
                assertNotNull(leshan.getRegistrationService().getByEndpoint("gw-rpk"));
            }
        } finally {
            leshan.destroy();
        }
    }

    @Test
    void requests_from_anyone_but_the_peer_are_refused_with_4_01() throws Exception {
        try (LeshanPeers leshan = new LeshanPeers();
             Connection c = transport.open(new PeerSpec("bootstrap server", URI.create(leshan.bootstrapUri(Protocol.COAP)), new PeerSecurity.NoSec()),
                 r -> org.gatehouse.coap.CoapResponse.of(ResponseCode.CHANGED))) {
            CoapClient stranger = new CoapClient("coap://127.0.0.1:" + c.localPort() + "/0/1");
            stranger.setTimeout(5000L);
            CoapResponse r = stranger.put(new byte[] {(byte) 0xC1, 0x01, 0x00}, MediaTypeRegistry.APPLICATION_VND_OMA_LWM2M_TLV);
            assertEquals(org.eclipse.californium.core.coap.CoAP.ResponseCode.UNAUTHORIZED, r.getCode());
            stranger.shutdown();
        }
    }
}
