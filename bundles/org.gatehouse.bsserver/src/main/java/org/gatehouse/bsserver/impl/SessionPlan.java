package org.gatehouse.bsserver.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.Method;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;

/**
 * The requests of a session, in order: Discover, Reads, Deletes, the Writes (the configuration's
 * "order" first, then by path: Security, Server, ACL, the rest), Bootstrap-Finish.
 */
final class SessionPlan {

    private SessionPlan() {
    }

    static List<Step> of(EndpointConfig config, ContentCodec codec, ModelLookup models) throws CodecException {
        List<Step> steps = new ArrayList<>();
        if (config.discover()) {
            steps.add(new Step(Step.Kind.DISCOVER, CoapRequest.of(Method.GET, "/").withAccept(ContentFormat.LINK.code()), false));
        }
        for (LwM2mPath p : config.reads()) {
            steps.add(new Step(Step.Kind.READ, CoapRequest.of(Method.GET, p.toString()).withAccept(codec.format().code()), false));
        }
        for (LwM2mPath p : config.deletes()) {
            steps.add(new Step(Step.Kind.DELETE, CoapRequest.of(Method.DELETE, p.toString()), true));
        }
        for (EndpointConfig.Write w : ordered(config)) {
            byte[] payload = codec.encode(w.path(), w.instance(), models);
            steps.add(new Step(Step.Kind.WRITE, CoapRequest.of(Method.PUT, w.path().toString()).withPayload(codec.format().code(), payload), true));
        }
        steps.add(new Step(Step.Kind.FINISH, CoapRequest.of(Method.POST, "/bs"), true));
        return steps;
    }

    static List<EndpointConfig.Write> ordered(EndpointConfig config) {
        Comparator<EndpointConfig.Write> byOrder = Comparator.comparingInt(w -> rank(config.order(), w.path()));
        Comparator<EndpointConfig.Write> byPath = Comparator.<EndpointConfig.Write>comparingInt(w -> w.path().objectId())
            .thenComparingInt(w -> w.path().instanceId());
        return config.writes().stream().sorted(byOrder.thenComparing(byPath)).toList();
    }

    private static int rank(List<LwM2mPath> order, LwM2mPath path) {
        for (int i = 0; i < order.size(); i++) {
            if (path.startsWith(order.get(i))) {
                return i;
            }
        }
        return order.size();
    }
}
