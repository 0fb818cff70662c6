package org.gatehouse.registration.impl;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.gatehouse.lwm2m.objects.Outcome;
import org.gatehouse.lwm2m.store.ObjectTree;

/**
 * Device Management's questions to the handler of a request's object, for one server. An object
 * without a handler executes nothing and accepts every change; a handler's unchecked exception comes
 * out as {@link Failure}, which Device Management answers 5.00.
 */
final class HandlerCalls {

    /** A handler failed (threw, or broke its contract). */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final int ssid;
    private final Handlers handlers;

    HandlerCalls(int ssid, Handlers handlers) {
        this.ssid = ssid;
        this.handlers = handlers;
    }

    Outcome execute(LwM2mPath path, String arguments) {
        return ask(path.objectId(), h -> h.execute(ssid, path, arguments), Outcome::notSupported);
    }

    /** The handler's refusal of a Write, Create or Delete as a 4.00 response, or null when it accepts. */
    CoapResponse writeRefusal(LwM2mPath path, LwM2mNode written) {
        return refusal(path.objectId(), h -> h.validateWrite(ssid, path, written));
    }

    CoapResponse createRefusal(int objectId, LwM2mObjectInstance created) {
        return refusal(objectId, h -> h.validateCreate(ssid, created));
    }

    CoapResponse deleteRefusal(int objectId, LwM2mObjectInstance deleted) {
        return refusal(objectId, h -> h.validateDelete(ssid, deleted));
    }

    private CoapResponse refusal(int objectId, Function<ObjectHandler, Optional<String>> check) {
        return ask(objectId, check, Optional::<String>empty).map(reason -> CoapResponse.error(ResponseCode.BAD_REQUEST, reason)).orElse(null);
    }

    /** The tree as Read and Discover show it: the instances {@code path} covers, as the object's handler presents them. */
    ObjectTree shown(ObjectTree tree, LwM2mPath path) {
        LwM2mObject o = tree.objects().get(path.objectId());
        if (o == null || handlers.find(path.objectId()).isEmpty()) {
            return tree;
        }
        ObjectTree shown = tree;
        for (LwM2mObjectInstance stored : o.instances().values()) {
            if (path.depth() < 2 || stored.id() == path.instanceId()) {
                LwM2mObjectInstance i = ask(path.objectId(), h -> h.read(ssid, stored), () -> stored);
                if (i == null || i.id() != stored.id()) {
                    throw new Failure(new IllegalStateException("its read gave " + i + " for instance " + stored.id()));
                }
                shown = shown.with(LwM2mPath.of(o.id(), i.id()), i);
            }
        }
        return shown;
    }

    /** An Execute's outcome as the response; {@code unsupported} is the text of a 4.05 without a message of its own. */
    static CoapResponse response(Outcome outcome, String unsupported) {
        return switch (outcome.status()) {
            case CHANGED -> CoapResponse.of(ResponseCode.CHANGED);
            case METHOD_NOT_ALLOWED -> CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, outcome.message().isEmpty() ? unsupported : outcome.message());
            case BAD_REQUEST -> CoapResponse.error(ResponseCode.BAD_REQUEST, outcome.message());
            case NOT_FOUND -> CoapResponse.error(ResponseCode.NOT_FOUND, outcome.message());
            case SERVICE_UNAVAILABLE -> CoapResponse.error(ResponseCode.SERVICE_UNAVAILABLE, outcome.message());
            case INTERNAL_SERVER_ERROR -> CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, outcome.message());
        };
    }

    private <T> T ask(int objectId, Function<ObjectHandler, T> question, Supplier<T> otherwise) {
        ObjectHandler handler = handlers.find(objectId).orElse(null);
        if (handler == null) {
            return otherwise.get();
        }
        try {
            return question.apply(handler);
        } catch (RuntimeException e) {
            throw new Failure(e);
        }
    }
}
