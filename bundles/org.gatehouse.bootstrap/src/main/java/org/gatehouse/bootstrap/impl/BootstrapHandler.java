package org.gatehouse.bootstrap.impl;

import java.util.Map;
import java.util.function.Consumer;

import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.codec.link.LinkCodec;
import org.gatehouse.lwm2m.model.InvalidPathException;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the Bootstrap interface for one session: each request mapped to the session,
 * each outcome to the response code of the Bootstrap interface's table.
 */
final class BootstrapHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapHandler.class);
    /** MAX_ID: no Object Instance may have it. */
    private static final int RESERVED_ID = 65535;

    private final BootstrapSession session;
    private final Map<Integer, ContentCodec> codecs;
    private final LinkCodec links;
    private final ModelLookup models;
    private final Consumer<BootstrapSession> onFinish;

    BootstrapHandler(BootstrapSession session, Map<Integer, ContentCodec> codecs, LinkCodec links, ModelLookup models,
            Consumer<BootstrapSession> onFinish) {
        this.session = session;
        this.codecs = codecs;
        this.links = links;
        this.models = models;
        this.onFinish = onFinish;
    }

    @Override
    public CoapResponse handle(CoapRequest request) {
        CoapResponse response = dispatch(request);
        LOG.debug("Bootstrap {} -> {}", request, response);
        return response;
    }

    private CoapResponse dispatch(CoapRequest request) {
        if (request.method() == Method.POST && request.path().equals(java.util.List.of("bs"))) {
            return finish();
        }
        if (!session.isOpen()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "no bootstrap in progress");
        }
        LwM2mPath path;
        try {
            path = LwM2mPath.parse(request.pathString());
        } catch (InvalidPathException e) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, e.getMessage());
        }
        return switch (request.method()) {
            case PUT -> write(path, request);
            case DELETE -> delete(path);
            case GET -> request.accept() == ContentFormat.LINK.code() ? discover(path) : read(path, request.accept());
            default -> CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, request.method() + " is not a Bootstrap-interface operation");
        };
    }

    private CoapResponse write(LwM2mPath path, CoapRequest request) {
        // 4.00 "bad or unknown URI": 4.05 is not among Bootstrap-Write's codes
        if (path.isRoot()) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "Bootstrap-Write needs an object, instance or resource path");
        }
        if (path.isResourceInstance()) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "Bootstrap-Write on a resource instance is not allowed");
        }
        if (path.depth() >= 2 && path.instanceId() == RESERVED_ID) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "instance ID 65535 is reserved");
        }
        // S5 #153: a resource the client does not implement is 4.00 on Bootstrap-Write, not a new resource
        if (path.isResource() && models.find(path.objectId()).map(m -> m.resource(path.resourceId()) == null).orElse(false)) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "resource " + path + " is not implemented");
        }
        ContentCodec codec = codecs.get(request.contentFormat());
        if (codec == null || codec.format().equals(ContentFormat.LINK)) {
            return CoapResponse.error(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "content format " + request.contentFormat() + " is not supported");
        }
        try {
            LwM2mNode node = codec.decode(request.payload(), path, models);
            session.write(path, node);
            return CoapResponse.of(ResponseCode.CHANGED);
        } catch (CodecException | BootstrapException e) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, e.getMessage());
        }
    }

    private CoapResponse delete(LwM2mPath path) {
        try {
            session.delete(path);
            return CoapResponse.of(ResponseCode.DELETED);
        } catch (BootstrapException e) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, e.getMessage());
        }
    }

    private CoapResponse discover(LwM2mPath path) {
        if (path.depth() > 1) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "Bootstrap-Discover takes / or an object path");
        }
        if (path.isObject() && models.find(path.objectId()).isEmpty()) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, "object " + path.objectId() + " is not supported");
        }
        return CoapResponse.content(ContentFormat.LINK.code(), links.encode(Discovery.links(session.view(), models, path)));
    }

    // Bootstrap-Read: Server and Access Control objects only.
    private CoapResponse read(LwM2mPath path, int accept) {
        if (path.depth() < 1 || path.depth() > 2 || (path.objectId() != ObjectIds.SERVER && path.objectId() != ObjectIds.ACCESS_CONTROL)) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "Bootstrap-Read is allowed on /1 and /2 only");
        }
        int format = accept == CoapRequest.NONE ? ContentFormat.TLV.code() : accept;
        ContentCodec codec = codecs.get(format);
        if (codec == null || !codec.canEncode(path, org.gatehouse.lwm2m.model.LwM2mObject.of(path.objectId()))) {
            return CoapResponse.error(ResponseCode.NOT_ACCEPTABLE, "cannot produce content format " + accept);
        }
        LwM2mNode node = session.view().read(path).orElse(path.isObject() ? org.gatehouse.lwm2m.model.LwM2mObject.of(path.objectId()) : null);
        if (node == null) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, path + " does not exist");
        }
        try {
            return CoapResponse.content(format, codec.encode(path, node, models));
        } catch (CodecException e) {
            return CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, e.getMessage());
        }
    }

    private CoapResponse finish() {
        if (!session.isOpen()) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "no bootstrap in progress");
        }
        try {
            session.finishWithServerAccount();
        } catch (BootstrapException e) {
            if (e.getCause() instanceof StoreException) { // not the configuration's fault: a server error
                LOG.error("Bootstrap-Finish: {}", e.getMessage());
                return CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, e.getMessage());
            }
            LOG.warn("Bootstrap-Finish refused: {}", String.join("; ", e.problems()));
            return CoapResponse.error(ResponseCode.NOT_ACCEPTABLE, String.join("\n", e.problems()));
        }
        onFinish.accept(session);
        return CoapResponse.of(ResponseCode.CHANGED);
    }
}
