package org.gatehouse.registration.impl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.codec.link.Link;
import org.gatehouse.lwm2m.codec.link.LinkAttribute;
import org.gatehouse.lwm2m.codec.link.LinkCodec;
import org.gatehouse.lwm2m.model.InvalidPathException;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreBusyException;
import org.gatehouse.lwm2m.store.StoreConflictException;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.StoreWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Device Management interface for one server: Read, Discover, Write (replace and partial
 * update), Execute, Create, Delete, with access control. Security (0) and OSCORE (21) are invisible.
 * The object's handler, when it has one, executes, checks Writes, Creates and Deletes before they are
 * committed, and may show values of its own on Read and Discover.
 */
final class DeviceManagement implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceManagement.class);

    /**
     * How long a Write, Create or Delete waits for another commit in progress. Commits take
     * milliseconds (an open bootstrap session holds nothing), so a longer wait means a stalled disk:
     * better a quick 5.03 than a CoAP thread held while the server retransmits.
     */
    static final Duration STORE_WAIT = Duration.ofMillis(200);

    /** The diagnostic of a 5.03; the transport's response has no Max-Age option, so the text says what to do. */
    static final String STORE_BUSY = "the object store is busy with another change; retry the request in a few seconds";

    private final int ssid;
    private final String writer;
    private final ObjectStore store;
    private final ModelLookup models;
    private final Map<Integer, ContentCodec> codecs;
    private final LinkCodec links;
    private final IntSupplier servers;
    private final HandlerCalls handlers;
    private final IntConsumer serverChanged;

    /**
     * @param servers       how many server accounts there are (one: no access control)
     * @param serverChanged told after a Write or Create in the Server object, with this server's SSID
     */
    DeviceManagement(int ssid, ObjectStore store, ModelLookup models, Map<Integer, ContentCodec> codecs, LinkCodec links,
            IntSupplier servers, Handlers handlers, IntConsumer serverChanged) {
        this.ssid = ssid;
        this.writer = "server:" + ssid;
        this.store = store;
        this.models = models;
        this.codecs = codecs;
        this.links = links;
        this.servers = servers;
        this.handlers = new HandlerCalls(ssid, handlers);
        this.serverChanged = serverChanged;
    }

    @Override
    public CoapResponse handle(CoapRequest request) {
        LwM2mPath path;
        try {
            path = LwM2mPath.parse(request.pathString());
        } catch (InvalidPathException e) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, e.getMessage());
        }
        if (path.isRoot()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "no operation on / over Device Management");
        }
        if (path.objectId() == ObjectIds.SECURITY || path.objectId() == ObjectIds.OSCORE) {
            return CoapResponse.error(ResponseCode.UNAUTHORIZED, "object " + path.objectId() + " is only reachable through bootstrap");
        }
        ObjectModel model = models.find(path.objectId()).orElse(null);
        if (model == null) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, "object " + path.objectId() + " is not supported");
        }
        try {
            if (request.method() == Method.GET) {
                ObjectTree tree = handlers.shown(store.snapshot(), path);
                return request.accept() == ContentFormat.LINK.code() ? discover(tree, path, model) : read(tree, path, model, request.accept());
            }
            if (request.method() == Method.POST && path.isResource()) {
                return execute(store.snapshot(), path, model, request);
            }
            if (request.method() == Method.PUT && request.payload().length == 0 && request.contentFormat() == CoapRequest.NONE
                    && !request.query().isEmpty()) {
                // Write-Attributes (PUT with attributes as query, no payload): not implemented; 4.05 is its code
                // for a target that does not allow it, where treating it as a Write would answer 4.15
                return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "Write-Attributes is not supported");
            }
            return switch (request.method()) {
                case PUT -> change(path, tx -> write(tx, path, model, request, true));
                case POST -> change(path, tx -> path.isObject() ? create(tx, path, model, request) : write(tx, path, model, request, false));
                case DELETE -> change(path, tx -> delete(tx, path));
                default -> CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, request.method() + " is not supported");
            };
        } catch (HandlerCalls.Failure e) {
            LOG.error("Server {}: the handler of object {} failed on {} {}", ssid, path.objectId(), request.method(), path, e.getCause());
            return CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, "the handler of object " + path.objectId() + " failed: " + e.getMessage());
        }
    }


    private boolean allowed(ObjectTree tree, LwM2mPath path, int right) {
        return AccessControl.allowed(tree, servers.getAsInt(), ssid, path.objectId(), path.depth() >= 2 ? path.instanceId() : 65535, right);
    }

    private CoapResponse read(ObjectTree tree, LwM2mPath path, ObjectModel model, int accept) {
        // an Execute-only resource holds no value: not found would hide that Read is not allowed on it (4.05)
        if (path.depth() >= 3 && model.resource(path.resourceId()) != null && !model.resource(path.resourceId()).operations().readable()
                && tree.read(LwM2mPath.of(path.objectId(), path.instanceId())).isPresent()) {
            return allowed(tree, path, AccessControl.READ) ? CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, path + " is not readable")
                : CoapResponse.error(ResponseCode.UNAUTHORIZED, "no read access to " + path);
        }
        LwM2mNode node = tree.read(path).orElse(null);
        if (node == null) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, path + " not found");
        }
        if (path.depth() >= 2 && !allowed(tree, path, AccessControl.READ)) {
            return CoapResponse.error(ResponseCode.UNAUTHORIZED, "no read access to " + path);
        }
        if (path.depth() >= 3 && !model.resource(path.resourceId()).operations().readable()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, path + " is not readable");
        }
        node = readable(node, model);
        int format = accept != CoapRequest.NONE ? accept
            : path.depth() >= 3 && node instanceof SingleResource || path.isResourceInstance() ? ContentFormat.TEXT.code() : ContentFormat.TLV.code();
        ContentCodec codec = codecs.get(format);
        if (codec == null || !codec.canEncode(path, node)) {
            return CoapResponse.error(ResponseCode.NOT_ACCEPTABLE, "cannot produce content format " + format + " for " + path);
        }
        try {
            return CoapResponse.content(format, codec.encode(path, node, models));
        } catch (CodecException e) {
            return CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, e.getMessage());
        }
    }

    // Reads of objects and instances leave out resources without R.
    private static LwM2mNode readable(LwM2mNode node, ObjectModel model) {
        if (node instanceof LwM2mObject o) {
            List<LwM2mObjectInstance> instances = new ArrayList<>();
            o.instances().values().forEach(i -> instances.add((LwM2mObjectInstance) readable(i, model)));
            return LwM2mObject.of(o.id(), instances);
        }
        if (node instanceof LwM2mObjectInstance i) {
            List<LwM2mResource> kept = new ArrayList<>();
            for (LwM2mResource r : i.resources().values()) {
                ResourceModel m = model.resource(r.id());
                if (m == null || m.operations().readable()) {
                    kept.add(r);
                }
            }
            return LwM2mObjectInstance.of(i.id(), kept);
        }
        return node;
    }

    private CoapResponse discover(ObjectTree tree, LwM2mPath path, ObjectModel model) {
        LwM2mNode node = tree.read(path).orElse(path.isObject() ? LwM2mObject.of(path.objectId()) : null);
        if (node == null) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, path + " not found");
        }
        List<Link> out = new ArrayList<>();
        if (node instanceof LwM2mObject o) {
            String version = models.advertised(path.objectId()).map(ObjectModel::objectVersion).orElse("1.0");
            out.add("1.0".equals(version) ? Link.of(path.toString()) : Link.of(path.toString(), LinkAttribute.token("ver", version)));
            o.instances().values().forEach(i -> instanceLinks(path.append(i.id()), i, out));
        } else if (node instanceof LwM2mObjectInstance i) {
            instanceLinks(path, i, out);
        } else if (node instanceof LwM2mResource r) {
            out.add(resourceLink(path, r));
        } else {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "Discover takes an object, instance or resource path");
        }
        return CoapResponse.content(ContentFormat.LINK.code(), links.encode(out));
    }

    private static void instanceLinks(LwM2mPath path, LwM2mObjectInstance i, List<Link> out) {
        out.add(Link.of(path.toString()));
        i.resources().values().forEach(r -> out.add(resourceLink(path.append(r.id()), r)));
    }

    private static Link resourceLink(LwM2mPath path, LwM2mResource r) {
        return r instanceof MultipleResource m ? Link.of(path.toString(), LinkAttribute.token("dim", Integer.toString(m.values().size())))
            : Link.of(path.toString());
    }

    // Write, Create and Delete decide on tx.view() and change tx: what they read is what the commit checks.
    private CoapResponse write(StoreTransaction tx, LwM2mPath path, ObjectModel model, CoapRequest request, boolean replace)
            throws StoreException {
        ObjectTree tree = tx.view();
        if (path.isObject()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "Write needs an instance or resource path");
        }
        if (tree.read(LwM2mPath.of(path.objectId(), path.instanceId())).isEmpty()) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, path + " not found");
        }
        if (!allowed(tree, path, AccessControl.WRITE)) {
            return CoapResponse.error(ResponseCode.UNAUTHORIZED, "no write access to " + path);
        }
        // before decoding: a payload that cannot be a value of a non-writable resource is still a 4.05, not a 4.00
        if (path.depth() >= 3 && model.resource(path.resourceId()) != null && !model.resource(path.resourceId()).operations().writable()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, path + " is not writable");
        }
        Decoded decoded = decode(path, request);
        if (decoded.error() != null) {
            return decoded.error();
        }
        LwM2mNode node = decoded.node();
        String refused = Writes.refusal(model, node);
        if (refused != null) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, refused);
        }
        LwM2mNode merged = replace || !(node instanceof LwM2mObjectInstance partial) ? node
            : Writes.merge((LwM2mObjectInstance) tree.read(path).orElseThrow(), partial);
        if (replace && node instanceof LwM2mObjectInstance i) {
            merged = Writes.keepUnwritable((LwM2mObjectInstance) tree.read(path).orElseThrow(), i, model);
        }
        CoapResponse invalid = handlers.writeRefusal(path, merged);
        if (invalid != null) {
            return invalid;
        }
        tx.write(path, merged);
        return CoapResponse.of(ResponseCode.CHANGED);
    }

    private CoapResponse create(StoreTransaction tx, LwM2mPath path, ObjectModel model, CoapRequest request) throws StoreException {
        ObjectTree tree = tx.view();
        if (!allowed(tree, path, AccessControl.CREATE)) {
            return CoapResponse.error(ResponseCode.UNAUTHORIZED, "no create access to " + path);
        }
        Decoded decoded = decode(path, request);
        if (decoded.error() != null) {
            return decoded.error();
        }
        LwM2mNode node = decoded.node();
        LwM2mObject created = (LwM2mObject) node;
        if (created.instances().size() != 1) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "Create takes exactly one instance");
        }
        LwM2mObjectInstance instance = created.instances().values().iterator().next();
        LwM2mObject existing = tree.objects().get(path.objectId());
        if (existing != null && existing.instance(instance.id()) != null) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "instance " + instance.id() + " already exists");
        }
        if (!model.multiple() && existing != null && !existing.instances().isEmpty()) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "object " + path.objectId() + " is single-instance");
        }
        CoapResponse invalid = handlers.createRefusal(path.objectId(), instance);
        if (invalid != null) {
            return invalid;
        }
        tx.write(path.append(instance.id()), instance);
        return new CoapResponse(ResponseCode.CREATED, CoapRequest.NONE, new byte[0], path.append(instance.id()).toString());
    }

    private CoapResponse delete(StoreTransaction tx, LwM2mPath path) throws StoreException {
        ObjectTree tree = tx.view();
        if (!path.isObjectInstance()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "Delete takes an object instance path");
        }
        if (tree.read(path).isEmpty()) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, path + " not found");
        }
        if (path.objectId() == ObjectIds.DEVICE || path.objectId() == ObjectIds.SERVER) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, path + " cannot be deleted over Device Management");
        }
        if (!allowed(tree, path, AccessControl.DELETE)) {
            return CoapResponse.error(ResponseCode.UNAUTHORIZED, "no delete access to " + path);
        }
        LwM2mObjectInstance deleted = (LwM2mObjectInstance) tree.read(path).orElseThrow();
        CoapResponse invalid = handlers.deleteRefusal(path.objectId(), deleted);
        if (invalid != null) {
            return invalid;
        }
        tx.delete(path);
        return CoapResponse.of(ResponseCode.DELETED);
    }

    private CoapResponse execute(ObjectTree tree, LwM2mPath path, ObjectModel model, CoapRequest request) {
        ResourceModel r = model.resource(path.resourceId());
        if (r == null || !r.operations().executable()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, path + " is not executable");
        }
        if (tree.read(LwM2mPath.of(path.objectId(), path.instanceId())).isEmpty()) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, path + " not found");
        }
        if (!allowed(tree, path, AccessControl.EXECUTE)) {
            return CoapResponse.error(ResponseCode.UNAUTHORIZED, "no execute access to " + path);
        }
        String arguments = new String(request.payload(), StandardCharsets.UTF_8);
        return HandlerCalls.response(handlers.execute(path, arguments), path + " (" + r.name() + ") is not supported by this gateway");
    }

    /** A decoded payload, or the response that says why there is none. */
    private record Decoded(LwM2mNode node, CoapResponse error) {
    }

    private Decoded decode(LwM2mPath path, CoapRequest request) {
        ContentCodec codec = codecs.get(request.contentFormat());
        if (codec == null) {
            return new Decoded(null, CoapResponse.error(ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                "content format " + request.contentFormat() + " is not supported"));
        }
        try {
            return new Decoded(codec.decode(request.payload(), path, models), null);
        } catch (CodecException e) {
            return new Decoded(null, CoapResponse.error(ResponseCode.BAD_REQUEST, e.getMessage()));
        }
    }

    /**
     * Runs a Write, Create or Delete in a store transaction named after this server and commits it,
     * again on the newer state if another commit landed meanwhile. 5.03 when the store stays busy
     * with other commits, 5.00 when the commit itself fails; the store is unchanged in both.
     */
    private CoapResponse change(LwM2mPath path, StoreWork<CoapResponse> work) {
        CoapResponse response;
        try {
            response = store.update(writer, STORE_WAIT, work);
        } catch (StoreBusyException | StoreConflictException e) {
            LOG.debug("Server {}: store busy, request refused with 5.03: {}", ssid, e.getMessage());
            return CoapResponse.error(ResponseCode.SERVICE_UNAVAILABLE, STORE_BUSY);
        } catch (StoreException e) {
            LOG.error("Server {}: change not stored: {}", ssid, e.getMessage(), e);
            return CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, "the change could not be stored: " + e.getMessage());
        }
        boolean stored = response.code() == ResponseCode.CHANGED || response.code() == ResponseCode.CREATED;
        if (stored && path.objectId() == ObjectIds.SERVER) {
            serverChanged.accept(ssid);
        }
        return response;
    }
}
