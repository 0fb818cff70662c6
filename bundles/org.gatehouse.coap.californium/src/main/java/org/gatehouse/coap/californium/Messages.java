package org.gatehouse.coap.californium;

import java.util.List;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.ResponseCode;

/** Converts between Californium's messages and the transport API's records. */
final class Messages {
    private Messages() {
    }

    static Request toCalifornium(CoapRequest r) {
        Request req = new Request(CoAP.Code.valueOf(r.method().name()), r.confirmable() ? CoAP.Type.CON : CoAP.Type.NON);
        OptionSet o = req.getOptions();
        r.path().forEach(o::addUriPath);
        r.query().forEach(o::addUriQuery);
        if (r.contentFormat() != CoapRequest.NONE) {
            o.setContentFormat(r.contentFormat());
        }
        if (r.accept() != CoapRequest.NONE) {
            o.setAccept(r.accept());
        }
        if (r.observe() != CoapRequest.NONE) {
            o.setObserve(r.observe());
        }
        req.setPayload(r.payload());
        return req;
    }

    static CoapRequest fromCalifornium(Request req) {
        OptionSet o = req.getOptions();
        return new CoapRequest(Method.valueOf(req.getCode().name()), o.getUriPath(), o.getUriQuery(),
            o.hasContentFormat() ? o.getContentFormat() : CoapRequest.NONE, o.hasAccept() ? o.getAccept() : CoapRequest.NONE,
            req.getPayload(), req.isConfirmable(), o.hasObserve() ? o.getObserve() : CoapRequest.NONE);
    }

    static Response toCalifornium(CoapResponse r) {
        Response res = new Response(CoAP.ResponseCode.valueOf(r.code().codeClass() << 5 | r.code().detail()));
        if (r.contentFormat() != CoapRequest.NONE) {
            res.getOptions().setContentFormat(r.contentFormat());
        }
        if (!r.locationPath().isEmpty()) {
            res.getOptions().setLocationPath(r.locationPath());
        }
        res.setPayload(r.payload());
        return res;
    }

    static CoapResponse fromCalifornium(Response res) {
        OptionSet o = res.getOptions();
        List<String> location = o.getLocationPath();
        return new CoapResponse(ResponseCode.of(res.getCode().codeClass, res.getCode().codeDetail),
            o.hasContentFormat() ? o.getContentFormat() : CoapRequest.NONE, res.getPayload(),
            location.isEmpty() ? "" : "/" + String.join("/", location));
    }
}
