package org.gatehouse.coap.californium;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.observe.NotificationListener;
import org.eclipse.californium.elements.EndpointContext;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Observation;
import org.gatehouse.coap.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests from one endpoint, answered through Californium's callbacks: no thread waits for a
 * response, and the timer only ends what took too long. Keeps the endpoint's observations and hands
 * each notification to its consumer.
 */
final class Outgoing implements NotificationListener {

    private static final Logger LOG = LoggerFactory.getLogger(Outgoing.class);

    private final CoapEndpoint endpoint;
    private final ScheduledExecutorService timer;
    private final boolean dtls;
    private final Map<Token, CaliforniumObservation> observations = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Response>> inFlight = ConcurrentHashMap.newKeySet();

    Outgoing(CoapEndpoint endpoint, ScheduledExecutorService timer, boolean dtls) {
        this.endpoint = endpoint;
        this.timer = timer;
        this.dtls = dtls;
        endpoint.addNotificationListener(this);
    }

    CompletableFuture<CoapResponse> send(String peer, CoapRequest request, EndpointContext destination, Duration timeout) {
        return mapped(exchange(peer, request, destination, timeout, null), response -> {
            LOG.trace("{} <- {}: {}", endpoint.getAddress(), peer, response);
            return Messages.fromCalifornium(response);
        });
    }

    /** {@code source} mapped by {@code f}; cancelling the result cancels the request too (an interrupted caller). */
    private static <T> CompletableFuture<T> mapped(CompletableFuture<Response> source, Function<Response, T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        source.whenComplete((r, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(f.apply(r));
            }
        });
        out.whenComplete((r, e) -> {
            if (out.isCancelled()) {
                source.cancel(false);
            }
        });
        return out;
    }

    CompletableFuture<Observation> observe(String peer, CoapRequest request, EndpointContext destination, Duration timeout,
            Consumer<CoapResponse> notifications) {
        CaliforniumObservation observation = new CaliforniumObservation(notifications, this::forget);
        CompletableFuture<Response> first = exchange(peer, request.withObserve(CoapRequest.OBSERVE_REGISTER), destination, timeout, token -> {
            observation.token(token);
            observations.put(token, observation);
        });
        first.whenComplete((response, failure) -> {
            if (failure != null) {
                forget(observation);
            }
        });
        return mapped(first, response -> {
            if (!observation.first(Messages.fromCalifornium(response), response.isSuccess() && response.getOptions().hasObserve())) {
                observations.remove(observation.token()); // the peer did not accept it; Californium dropped it too
            }
            return observation;
        });
    }

    @Override
    public void onNotification(Request request, Response response) {
        CaliforniumObservation observation = observations.get(request.getToken());
        boolean goesOn = response.isSuccess() && response.getOptions().hasObserve();
        if (observation == null) {
            endpoint.cancelObservation(request.getToken()); // nobody listens: the next one gets a reset
        } else if (!observation.notification(Messages.fromCalifornium(response), goesOn)) {
            observations.remove(request.getToken());
        }
    }

    private void forget(CaliforniumObservation observation) {
        Token token = observation.token();
        if (token != null) {
            observations.remove(token);
            endpoint.cancelObservation(token);
        }
    }

    private CompletableFuture<Response> exchange(String peer, CoapRequest request, EndpointContext destination, Duration timeout,
            Consumer<Token> onToken) {
        Request req;
        try {
            req = Messages.toCalifornium(request);
        } catch (IllegalArgumentException e) { // e.g. a GET or DELETE with a payload, which CoAP does not allow
            return CompletableFuture.failedFuture(new TransportException(TransportException.Kind.CONFIGURATION,
                peer + ": " + request.method() + " " + request.pathString() + " cannot be sent: " + e.getMessage(), e));
        }
        req.setDestinationContext(destination);
        CompletableFuture<Response> result = new CompletableFuture<>();
        req.addMessageObserver(new Callbacks(req, peer, request, timeout, result, onToken));
        inFlight.add(result);
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (result.completeExceptionally(timedOut(peer, request, timeout))) {
                req.cancel();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((r, e) -> {
            deadline.cancel(false);
            inFlight.remove(result);
            if (result.isCancelled()) {
                req.cancel();
            }
        });
        LOG.trace("{} -> {}: {}", endpoint.getAddress(), peer, request);
        endpoint.sendRequest(req);
        return result;
    }

    /** Ends every request still waiting and every observation: the endpoint is going away. */
    void close(String owner) {
        observations.values().forEach(CaliforniumObservation::close);
        inFlight.forEach(f -> f.completeExceptionally(new TransportException(TransportException.Kind.CLOSED, owner + ": closed")));
    }

    private static String what(CoapRequest request) {
        return request.method() + " " + request.pathString();
    }

    private static TransportException timedOut(String peer, CoapRequest request, Duration timeout) {
        return new TransportException(TransportException.Kind.TIMEOUT, peer + ": no response to " + what(request) + " within " + timeout.toMillis() + " ms");
    }

    /** Californium's events for one request, turned into the outcome of its future. */
    private final class Callbacks extends MessageObserverAdapter {
        private final Request req;
        private final String peer;
        private final CoapRequest request;
        private final Duration timeout;
        private final CompletableFuture<Response> result;
        private final Consumer<Token> onToken;
        private final AtomicBoolean tokenSeen = new AtomicBoolean();

        Callbacks(Request req, String peer, CoapRequest request, Duration timeout, CompletableFuture<Response> result, Consumer<Token> onToken) {
            this.req = req;
            this.peer = peer;
            this.request = request;
            this.timeout = timeout;
            this.result = result;
            this.onToken = onToken;
        }

        // The matcher has assigned the token by now, and nothing can answer before the message leaves.
        @Override
        public void onReadyToSend() {
            if (onToken != null && tokenSeen.compareAndSet(false, true)) {
                onToken.accept(req.getToken());
            }
        }

        @Override
        public void onResponse(Response response) {
            if (!result.complete(response) && onToken != null) {
                onNotification(req, response); // a notification that still found the original exchange
            }
        }

        @Override
        public void onReject() {
            fail("rejected by the peer", null);
        }

        @Override
        public void onSendError(Throwable error) {
            fail(error.getMessage(), error);
        }

        @Override
        public void onTimeout() {
            result.completeExceptionally(timedOut(peer, request, timeout));
        }

        @Override
        public void onCancel() {
            result.completeExceptionally(new TransportException(TransportException.Kind.CLOSED, peer + ": " + what(request) + " cancelled"));
        }

        private void fail(String why, Throwable cause) {
            // Over DTLS a send error is a failed handshake (or no session to send on); over UDP the peer is out of reach.
            result.completeExceptionally(new TransportException(dtls ? TransportException.Kind.HANDSHAKE_FAILED : TransportException.Kind.UNREACHABLE,
                peer + ": " + what(request) + " failed: " + why, cause));
        }
    }
}
