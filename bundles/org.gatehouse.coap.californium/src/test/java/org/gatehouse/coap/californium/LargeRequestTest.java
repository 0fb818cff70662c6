package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer's request larger than Californium's default datagram buffer (2048 bytes) used to be dropped
 * without an answer. Over real loopback sockets: up to the body limit it is handled; beyond it the
 * peer gets 4.13 Request Entity Too Large with Size1, so it knows to use block-wise transfer.
 */
class LargeRequestTest {

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private CaliforniumTransport transport;
    private DatagramSocket peer;
    private Connection connection;
    private final AtomicInteger handled = new AtomicInteger(-1);

    @BeforeEach
    void open() throws Exception {
        transport = new CaliforniumTransport(defaults());
        peer = new DatagramSocket(0, loopback);
        peer.setSoTimeout(5000);
        connection = transport.open(new PeerSpec("test peer", URI.create("coap://127.0.0.1:" + peer.getLocalPort()), new PeerSecurity.NoSec()),
            request -> {
                handled.set(request.payload().length);
                return CoapResponse.of(ResponseCode.CHANGED);
            });
    }

    @AfterEach
    void close() {
        connection.close();
        peer.close();
        transport.deactivate();
    }

    @Test
    void a_request_of_5000_bytes_in_one_datagram_is_handled() throws Exception {
        Response response = exchange(5000);
        assertEquals(CoAP.ResponseCode.CHANGED, response.getCode());
        assertEquals(5000, handled.get());
    }

    @Test
    void a_request_beyond_the_body_limit_gets_4_13_with_size1() throws Exception {
        Response response = exchange(CaliforniumTransport.MAX_BODY + 1);
        assertEquals(CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE, response.getCode());
        assertTrue(response.getOptions().hasSize1(), "Size1 tells the peer the largest body accepted");
        assertEquals(CaliforniumTransport.MAX_BODY, response.getOptions().getSize1());
        assertEquals(-1, handled.get(), "the handler never saw it");
    }

    private Response exchange(int payloadSize) throws Exception {
        Request put = Request.newPut();
        put.setConfirmable(true);
        put.setMID(4711);
        put.setToken(Token.fromProvider(new byte[] {1, 2, 3, 4}));
        put.getOptions().setUriPath("1/0");
        put.getOptions().setContentFormat(11542);
        byte[] payload = new byte[payloadSize];
        Arrays.fill(payload, (byte) 0x55);
        put.setPayload(payload);
        put.setDestinationContext(new AddressEndpointContext(loopback, connection.localPort()));
        RawData raw = new UdpDataSerializer().serializeRequest(put);
        peer.send(new DatagramPacket(raw.getBytes(), raw.getSize(), loopback, connection.localPort()));
        byte[] buffer = new byte[65535];
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        peer.receive(in);
        return (Response) new UdpDataParser().parseMessage(Arrays.copyOf(in.getData(), in.getLength()));
    }

    private static CaliforniumTransport.Config defaults() {
        return (CaliforniumTransport.Config) Proxy.newProxyInstance(CaliforniumTransport.Config.class.getClassLoader(),
            new Class<?>[] {CaliforniumTransport.Config.class}, (proxy, method, args) -> method.getName().equals("annotationType")
                ? CaliforniumTransport.Config.class : method.getDefaultValue());
    }
}
