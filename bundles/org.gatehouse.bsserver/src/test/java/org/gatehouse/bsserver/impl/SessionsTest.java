package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.ResponseCode;

import org.junit.jupiter.api.Test;

class SessionsTest {

    private final MemoryStorage storage = new MemoryStorage();

    private Sessions sessions(String node, int max) {
        return new Sessions(storage, node, max, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(15), Runnable::run);
    }

    @Test
    void no_more_than_the_maximum_is_reserved_and_a_given_back_reservation_frees_its_place() {
        Sessions s = sessions("a", 2);
        assertEquals(Optional.empty(), s.reserve("e1").refusal());
        assertEquals(Optional.empty(), s.reserve("e2").refusal());
        assertEquals(Optional.of("this node runs its maximum of sessions; retry later"), s.reserve("e3").refusal());
        s.unreserve("e1");
        assertEquals(Optional.empty(), s.reserve("e3").refusal());
    }

    @Test
    void an_endpoint_is_reserved_once_on_this_node() {
        Sessions s = sessions("a", 5);
        assertEquals(Optional.empty(), s.reserve("e1").refusal());
        assertEquals(Optional.of("a session of e1 is already running on this node"), s.reserve("e1").refusal());
        s.unreserve("e1");
        assertEquals(Optional.empty(), s.reserve("e1").refusal());
    }

    @Test
    void an_endpoint_claimed_by_another_node_is_not_run_here() {
        assertTrue(storage.claim("e1", "b", Duration.ofSeconds(60)));
        Sessions s = sessions("a", 2);
        assertEquals(Optional.of("another bootstrap-server node is running a session of e1"), s.reserve("e1").refusal());
        assertEquals(Optional.empty(), s.reserve("e2").refusal(), "the refused claim gave its place back");
        assertEquals(Optional.empty(), s.reserve("e3").refusal());
    }

    @Test
    void a_reservation_holds_the_claim_until_given_back() {
        Sessions a = sessions("a", 2);
        assertEquals(Optional.empty(), a.reserve("e1").refusal());
        assertEquals(Optional.of("another bootstrap-server node is running a session of e1"), sessions("b", 2).reserve("e1").refusal());
        a.unreserve("e1");
        assertEquals(Optional.empty(), sessions("b", 2).reserve("e1").refusal());
    }

    @Test
    void a_session_whose_claim_another_node_took_over_is_stopped_at_its_next_request_and_its_claim_left_alone() {
        Sessions a = sessions("a", 2);
        assertEquals(Optional.empty(), a.reserve("e1").refusal());
        long id = storage.sessionStarted("e1", "a");
        CompletableFuture<CoapResponse> deleteAnswer = new CompletableFuture<>();
        List<Step> steps = List.of(new Step(Step.Kind.DELETE, CoapRequest.of(Method.DELETE, "/"), true),
            new Step(Step.Kind.FINISH, CoapRequest.of(Method.POST, "/bs"), true));
        CompletableFuture<String> outcome = a.start("e1", id, (request, timeout) -> deleteAnswer, steps, () -> { });

        a.renewClaims();
        assertEquals(Optional.of("another bootstrap-server node is running a session of e1"), sessions("b", 2).reserve("e1").refusal(),
            "renewed, the claim is still a's");
        storage.release("e1", "a"); // a's lease ran out while it was cut off from the database, and b took the endpoint over
        assertTrue(storage.claim("e1", "b", Duration.ofSeconds(15)));
        a.renewClaims();
        deleteAnswer.complete(CoapResponse.of(ResponseCode.DELETED));

        assertEquals("abandoned: stopped before FINISH", outcome.join());
        assertEquals(Optional.of("abandoned: stopped before FINISH"), storage.sessions(Optional.of("e1"), 1).get(0).outcome());
        assertEquals(Optional.of("another bootstrap-server node is running a session of e1"), sessions("c", 2).reserve("e1").refusal(),
            "ending the session released a's claim only, not b's");
    }

    @Test
    void an_ended_session_is_not_claimed_again_by_a_renewal() {
        Sessions a = sessions("a", 2);
        assertEquals(Optional.empty(), a.reserve("e1").refusal());
        long id = storage.sessionStarted("e1", "a");
        List<Step> steps = List.of(new Step(Step.Kind.FINISH, CoapRequest.of(Method.POST, "/bs"), true));
        assertEquals("success", a.start("e1", id, (request, timeout) -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED)),
            steps, () -> { }).join());
        a.renewClaims();
        assertEquals(Optional.empty(), sessions("b", 2).reserve("e1").refusal());
    }

    @Test
    void an_end_is_recorded_where_the_session_ended_when_the_storage_writes_behind_and_else_on_the_executor() {
        List<Runnable> handedOver = new ArrayList<>();
        Sessions s = new Sessions(storage, "a", 2, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(15), handedOver::add);
        List<Step> finish = List.of(new Step(Step.Kind.FINISH, CoapRequest.of(Method.POST, "/bs"), true));
        Session.Sender changed = (request, timeout) -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));

        CompletableFuture<String> held = s.start("e1", s.reserve("e1").sessionId(), changed, finish);
        assertFalse(held.isDone(), "a storage that writes at once is not called on the thread that saw the end");
        assertEquals(1, handedOver.size());
        handedOver.get(0).run();
        assertEquals("success", held.join());

        storage.writeSessionsBehind(true);
        assertEquals("success", s.start("e2", s.reserve("e2").sessionId(), changed, finish).getNow("still running"), "recorded at once");
        assertEquals(Optional.of("success"), storage.sessions(Optional.of("e2"), 1).get(0).outcome());
        CompletableFuture<String> push = s.start("e3", s.reserve("e3").sessionId(), changed, finish, () -> { });
        assertFalse(push.isDone(), "what follows a push's end (closing its connection) stays on the executor");
        assertEquals(2, handedOver.size());
    }
}
