package org.gatehouse.bsserver.impl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps of one bootstrap session against a device, each request
 * sent when the previous answer arrived (no thread waits in between), each logged with its code. A
 * failed Delete or Write ends the session without Finish; a failed Discover or Read is noted.
 */
final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final String endpoint;
    private final long id;
    private final Sender sender;
    private final List<Step> steps;
    private final BootstrapStorage storage;
    private final Duration requestTimeout;
    private volatile boolean stopped;

    /** Sends one request to the device: through the listener it spoke to, or a connection of our own (1.0 push). */
    @FunctionalInterface
    interface Sender {
        CompletionStage<CoapResponse> send(CoapRequest request, Duration timeout);

        static Sender through(Listener listener, Peer peer) {
            return (request, timeout) -> listener.send(peer, request, timeout);
        }
    }

    Session(String endpoint, long id, Sender sender, List<Step> steps, BootstrapStorage storage, Duration requestTimeout) {
        this.endpoint = endpoint;
        this.id = id;
        this.sender = sender;
        this.steps = List.copyOf(steps);
        this.storage = storage;
        this.requestTimeout = requestTimeout;
    }

    long id() {
        return id;
    }

    /** Completes with the outcome: "success", or "failed: …" saying which request and why. */
    CompletableFuture<String> run() {
        return step(0).toCompletableFuture();
    }

    /** No further request goes out (the session timed out or the server stops). */
    void stop() {
        stopped = true;
    }

    private CompletionStage<String> step(int index) {
        if (stopped) {
            return CompletableFuture.completedFuture("abandoned: stopped before " + steps.get(index).label());
        }
        Step step = steps.get(index);
        return sender.send(step.request(), requestTimeout).handle((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                event(step.label() + " no answer: " + cause.getMessage());
                return CompletableFuture.completedFuture("failed: no answer to " + step.label() + ": " + cause.getMessage());
            }
            event(step.label() + " " + code(response.code()) + diagnostic(response));
            if (step.kind() == Step.Kind.FINISH) {
                return CompletableFuture.completedFuture(response.code() == ResponseCode.CHANGED ? "success"
                    : "failed: Bootstrap-Finish answered " + code(response.code()) + diagnostic(response)
                        + (response.code() == ResponseCode.NOT_ACCEPTABLE ? " (the client found the configuration inconsistent)" : ""));
            }
            if (!response.code().isSuccess() && step.required()) {
                return CompletableFuture.completedFuture("failed: " + step.label() + " answered " + code(response.code()) + diagnostic(response));
            }
            return step(index + 1);
        }).thenCompose(s -> s);
    }

    private void event(String event) {
        LOG.debug("Bootstrap session {} of {}: {}", id, endpoint, event);
        try {
            storage.sessionEvent(id, event);
        } catch (RuntimeException e) {
            LOG.warn("Bootstrap session {} of {}: could not log '{}': {}", id, endpoint, event, e.getMessage());
        }
    }

    static String code(ResponseCode code) {
        int detail = code.detail(); // not String.format: it runs for every request of every session
        return code.codeClass() + (detail < 10 ? ".0" : ".") + detail;
    }

    private static String diagnostic(CoapResponse r) {
        return r.code().isSuccess() || r.payload().length == 0 ? "" : " " + r.text();
    }
}
