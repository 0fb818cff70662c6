package org.gatehouse.lwm2m.server.impl;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.server.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Registration interface: Register ({@code POST /rd}), Update ({@code POST /rd/<id>}) and
 * De-register ({@code DELETE /rd/<id>}). Update and De-register must come from the identity that
 * registered; over plain CoAP, where there is none, the registration id is the only proof.
 */
final class RdHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RdHandler.class);
    static final Set<String> VERSIONS = Set.of("1.0", "1.1", "1.2");

    private final Registrations registry;
    private final RequestParser parser;
    private final Authorizer authorizer;

    RdHandler(Registrations registry, RequestParser parser, Authorizer authorizer) {
        this.registry = registry;
        this.parser = parser;
        this.authorizer = authorizer;
    }

    @Override
    public CoapResponse handle(CoapRequest request) {
        throw new UnsupportedOperationException("the registration interface needs the sender: handle(request, peer)");
    }

    @Override
    public CoapResponse handle(CoapRequest request, Peer from) {
        List<String> path = request.path();
        if (path.isEmpty() || !path.get(0).equals("rd") || path.size() > 2) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, "the registration interface is /rd");
        }
        try {
            if (path.size() == 1) {
                return request.method() == Method.POST ? register(request, from) : notAllowed(request);
            }
            return switch (request.method()) {
                case POST -> update(path.get(1), request, from);
                case DELETE -> deregister(path.get(1), from);
                default -> notAllowed(request);
            };
        } catch (IllegalArgumentException e) {
            LOG.debug("Refused {} from {}: {}", request, from, e.getMessage());
            return CoapResponse.error(ResponseCode.BAD_REQUEST, e.getMessage());
        }
    }

    private CoapResponse register(CoapRequest request, Peer from) {
        RegisterParams p = parser.parse(request);
        String ep = p.endpoint().orElseThrow(() -> new IllegalArgumentException("Register needs the endpoint name, ep="));
        String version = p.lwm2mVersion().orElse("1.0");
        if (!VERSIONS.contains(version)) {
            return CoapResponse.error(ResponseCode.PRECONDITION_FAILED, "LwM2M version " + version + " not supported; this server speaks " + VERSIONS);
        }
        Optional<String> refusal = authorizer.refusal(ep, from);
        if (refusal.isPresent()) {
            LOG.warn("LwM2M Register of {} from {} refused: {}", ep, from, refusal.get());
            return CoapResponse.error(ResponseCode.FORBIDDEN, refusal.get());
        }
        Registration reg = registry.register(p, from);
        return new CoapResponse(ResponseCode.CREATED, CoapRequest.NONE, new byte[0], "rd/" + reg.id());
    }

    private CoapResponse update(String id, CoapRequest request, Peer from) {
        RegisterParams p = parser.parse(request);
        Optional<CoapResponse> refused = check(id, from);
        if (refused.isPresent()) {
            return refused.get();
        }
        registry.update(id, p, from);
        return CoapResponse.of(ResponseCode.CHANGED);
    }

    private CoapResponse deregister(String id, Peer from) {
        Optional<CoapResponse> refused = check(id, from);
        if (refused.isPresent()) {
            return refused.get();
        }
        registry.deregister(id);
        return CoapResponse.of(ResponseCode.DELETED);
    }

    /** 4.04 for an unknown id (the device then registers anew), 4.03 for another identity than the one that registered. */
    private Optional<CoapResponse> check(String id, Peer from) {
        Optional<Registration> reg = registry.byId(id);
        if (reg.isEmpty()) {
            return Optional.of(CoapResponse.error(ResponseCode.NOT_FOUND, "no registration " + id + "; register again"));
        }
        if (!reg.get().peer().identity().equals(from.identity())) {
            LOG.warn("LwM2M request on registration {} of {} from {} refused: registered as {}", id, reg.get().endpoint(), from,
                reg.get().security());
            return Optional.of(CoapResponse.error(ResponseCode.FORBIDDEN, "registration " + id + " belongs to another identity"));
        }
        return Optional.empty();
    }

    private static CoapResponse notAllowed(CoapRequest request) {
        return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, request.method() + " not allowed on " + request.pathString());
    }
}
