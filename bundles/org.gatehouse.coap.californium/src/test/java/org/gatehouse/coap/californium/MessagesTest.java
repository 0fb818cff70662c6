package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The conversions between the transport API's records and Californium's messages, both ways. */
class MessagesTest {

    private static final byte[] LINKS = "</1/0>,</3/0>".getBytes(StandardCharsets.UTF_8);

    @Test
    void a_request_becomes_a_confirmable_californium_request_with_its_options_and_payload() {
        Request req = Messages.toCalifornium(new CoapRequest(Method.POST, List.of("rd"), List.of("ep=gw-1", "lt=300"), 40, 110, LINKS));
        assertEquals(CoAP.Code.POST, req.getCode());
        assertEquals(CoAP.Type.CON, req.getType());
        assertEquals(List.of("rd"), req.getOptions().getUriPath());
        assertEquals(List.of("ep=gw-1", "lt=300"), req.getOptions().getUriQuery());
        assertEquals(40, req.getOptions().getContentFormat());
        assertEquals(110, req.getOptions().getAccept());
        assertArrayEquals(LINKS, req.getPayload());
    }

    @Test
    void a_request_without_formats_carries_no_content_format_or_accept_option() {
        Request req = Messages.toCalifornium(CoapRequest.of(Method.GET, "/3/0/1"));
        assertEquals(List.of("3", "0", "1"), req.getOptions().getUriPath());
        assertFalse(req.getOptions().hasContentFormat());
        assertFalse(req.getOptions().hasAccept());
        assertEquals(0, req.getPayloadSize());
    }

    @Test
    void a_californium_request_becomes_a_request_record() {
        Request req = new Request(CoAP.Code.PUT);
        req.getOptions().addUriPath("1").addUriPath("0").addUriQuery("pmin=10").setContentFormat(11542).setAccept(112);
        req.setPayload(new byte[] {1, 2, 3});
        CoapRequest r = Messages.fromCalifornium(req);
        assertEquals(Method.PUT, r.method());
        assertEquals(List.of("1", "0"), r.path());
        assertEquals(List.of("pmin=10"), r.query());
        assertEquals(11542, r.contentFormat());
        assertEquals(112, r.accept());
        assertArrayEquals(new byte[] {1, 2, 3}, r.payload());

        CoapRequest bare = Messages.fromCalifornium(Request.newDelete());
        assertEquals(CoapRequest.NONE, bare.contentFormat());
        assertEquals(CoapRequest.NONE, bare.accept());
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void every_method_survives_the_round_trip(Method method) {
        // Californium refuses a payload on GET and DELETE
        boolean body = method != Method.GET && method != Method.DELETE;
        CoapRequest sent = new CoapRequest(method, List.of("bs"), List.of("ep=x"), body ? 60 : CoapRequest.NONE, 112,
            body ? new byte[] {9} : new byte[0]);
        CoapRequest back = Messages.fromCalifornium(Messages.toCalifornium(sent));
        assertEquals(sent.toString(), back.toString());
        assertEquals(List.of(sent.contentFormat(), sent.accept()), List.of(back.contentFormat(), back.accept()));
        assertArrayEquals(sent.payload(), back.payload());
    }

    @Test
    void a_response_carries_its_code_format_location_and_payload_both_ways() {
        Response res = Messages.toCalifornium(new CoapResponse(ResponseCode.CREATED, 112, new byte[] {7, 8}, "/rd/5a3f"));
        assertEquals(CoAP.ResponseCode.CREATED, res.getCode());
        assertEquals(112, res.getOptions().getContentFormat());
        assertEquals(List.of("rd", "5a3f"), res.getOptions().getLocationPath());
        assertArrayEquals(new byte[] {7, 8}, res.getPayload());

        CoapResponse back = Messages.fromCalifornium(res);
        assertEquals(ResponseCode.CREATED, back.code());
        assertEquals(112, back.contentFormat());
        assertEquals("/rd/5a3f", back.locationPath());
        assertArrayEquals(new byte[] {7, 8}, back.payload());
    }

    @Test
    void a_response_without_format_or_location_has_neither_option() {
        Response res = Messages.toCalifornium(CoapResponse.of(ResponseCode.CHANGED));
        assertFalse(res.getOptions().hasContentFormat());
        assertEquals(List.of(), res.getOptions().getLocationPath());
        CoapResponse back = Messages.fromCalifornium(res);
        assertEquals(CoapRequest.NONE, back.contentFormat());
        assertEquals("", back.locationPath());
    }

    @ParameterizedTest
    @EnumSource(ResponseCode.class)
    void every_response_code_survives_the_round_trip(ResponseCode code) {
        Response res = Messages.toCalifornium(CoapResponse.of(code));
        assertEquals(code.codeClass() + "." + code.detail(), res.getCode().codeClass + "." + res.getCode().codeDetail);
        assertEquals(code, Messages.fromCalifornium(res).code());
    }
}
