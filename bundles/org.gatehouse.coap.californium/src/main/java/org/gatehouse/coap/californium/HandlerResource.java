package org.gatehouse.coap.californium;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.gatehouse.coap.BlockingRequestHandler;
import org.gatehouse.coap.BlockingRequestHandler.Answer;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only resource of an endpoint: every path and method goes to the request handler with its
 * peer. Being a Californium resource makes it observable: Californium keeps the Observe relations,
 * and {@link #changed} runs the handler again for each related one, whose answer leaves as a
 * notification. Answers owed are counted so that closing sends them first.
 */
final class HandlerResource extends CoapResource {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerResource.class);

    private final String owner;
    private final RequestHandler handler;
    private final Predicate<Peer> admitted;
    private final int maxBody;
    private final Executor notifier;
    private final Executor blocking;
    private final PendingResponses pending = new PendingResponses();

    /**
     * @param admitted which senders the handler hears; the others get 4.01
     * @param blocking where a {@link BlockingRequestHandler} runs
     */
    HandlerResource(String owner, RequestHandler handler, Predicate<Peer> admitted, int maxBody, Executor notifier, Executor blocking) {
        super("", false);
        this.owner = owner;
        this.handler = handler;
        this.admitted = admitted;
        this.maxBody = maxBody;
        this.notifier = notifier;
        this.blocking = blocking;
        setObservable(true);
    }

    @Override
    public Resource getChild(String name) {
        return this; // the handler routes by path itself
    }

    @Override
    public void handleRequest(Exchange exchange) {
        pending.begin();
        if (handler instanceof BlockingRequestHandler) {
            try {
                blocking.execute(() -> respond(exchange));
                return;
            } catch (RejectedExecutionException e) {
                // the transport is stopping: answer here rather than not at all
            }
        }
        respond(exchange);
    }

    private void respond(Exchange exchange) {
        boolean handedOver = false;
        Runnable then = () -> { };
        try {
            Request request = exchange.getRequest();
            Response response;
            if (request.getPayloadSize() > maxBody) {
                response = tooLarge(request);
            } else {
                Answer a = answer(request);
                then = a.then();
                response = Messages.toCalifornium(a.response());
            }
            pending.track(response);
            handedOver = true;
            exchange.sendResponse(response);
        } finally {
            if (!handedOver) {
                pending.end();
            }
            follow(then);
        }
    }

    // What the answer announced starts behind it, on this thread; a failure there is the handler's, not the exchange's.
    private void follow(Runnable then) {
        try {
            then.run();
        } catch (RuntimeException e) {
            LOG.error("{}: the work following an answer failed", owner, e);
        }
    }

    // Californium limits only block-wise bodies; one datagram may carry up to 64 KiB.
    private Response tooLarge(Request request) {
        LOG.warn("{}: request {} {} from {} refused: {} bytes, more than {}", owner, request.getCode(), request.getOptions().getUriPathString(),
            request.getSourceContext().getPeerAddress(), request.getPayloadSize(), maxBody);
        Response r = new Response(CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE);
        r.getOptions().setSize1(maxBody);
        r.setPayload("request body of " + request.getPayloadSize() + " bytes is larger than " + maxBody + "; send it block-wise (Block1)");
        return r;
    }

    private Answer answer(Request req) {
        Peer from = Identities.peer(req.getSourceContext());
        if (!admitted.test(from)) {
            LOG.warn("{}: request from {} refused", owner, from);
            return Answer.only(CoapResponse.error(ResponseCode.UNAUTHORIZED, "unknown peer"));
        }
        try {
            CoapRequest request = Messages.fromCalifornium(req);
            return handler instanceof BlockingRequestHandler b ? b.answer(request, from)
                : Answer.only(handler.handle(request, from));
        } catch (RuntimeException e) {
            LOG.error("{}: request {} {} from {} failed", owner, req.getCode(), req.getOptions().getUriPathString(), from, e);
            return Answer.only(CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, "internal error: " + e.getMessage()));
        }
    }

    /** Notifies, on the notifier, every relation whose path is {@code path}, under it or above it. */
    void changed(String path) {
        List<String> changed = CoapRequest.of(org.gatehouse.coap.Method.GET, path).path();
        notifier.execute(() -> changed(relation -> related(relation.getExchange().getRequest().getOptions().getUriPath(), changed)));
    }

    private static boolean related(List<String> observed, List<String> changed) {
        int common = Math.min(observed.size(), changed.size());
        return observed.subList(0, common).equals(changed.subList(0, common));
    }

    /** Waits until every owed answer has left, or {@code limit} passed; true when none is owed. */
    boolean awaitAnswers(Duration limit) throws InterruptedException {
        return pending.awaitNone(limit);
    }
}
