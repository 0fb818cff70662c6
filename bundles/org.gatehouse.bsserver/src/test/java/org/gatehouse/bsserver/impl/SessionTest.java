package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Observation;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.junit.jupiter.api.Test;

/** The step chain against a scripted device: which request is sent after which answer, and the outcome. */
class SessionTest {

    private final MemoryStorage storage = new MemoryStorage();
    private final Peer peer = new Peer(new InetSocketAddress("127.0.0.1", 9), new PeerIdentity.None());

    /** Answers each request by its label from a script (default 2.0x success), and records what it was sent. */
    static final class ScriptedDevice implements Listener {
        final List<String> sent = new ArrayList<>();
        final Map<String, Object> script;

        ScriptedDevice(Map<String, Object> script) {
            this.script = script;
        }

        @Override
        public CompletionStage<CoapResponse> send(Peer peer, CoapRequest request, Duration timeout) {
            String label = request.method() + " " + request.pathString();
            sent.add(label);
            Object answer = script.get(label);
            if (answer instanceof TransportException e) {
                return CompletableFuture.failedFuture(e);
            }
            ResponseCode code = answer != null ? (ResponseCode) answer : switch (request.method()) {
                case GET -> ResponseCode.CONTENT;
                case DELETE -> ResponseCode.DELETED;
                default -> ResponseCode.CHANGED;
            };
            return CompletableFuture.completedFuture(code.isSuccess() ? CoapResponse.of(code) : CoapResponse.error(code, "scripted"));
        }

        @Override
        public ListenSpec spec() {
            throw new UnsupportedOperationException();
        }

        @Override
        public InetSocketAddress localAddress() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Observation> observe(Peer peer, CoapRequest request, Duration timeout, Consumer<CoapResponse> notifications) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changed(String path) {
        }

        @Override
        public void close() {
        }
    }

    private String run(ScriptedDevice device) throws Exception {
        EndpointConfig c = new ConfigParser(CoreModels.all()).parse("""
            {"endpoint": "e", "discoverFirst": true, "deleteFirst": true, "servers": [{"ssid": 1, "uri": "coap://a"}]}""");
        long id = storage.sessionStarted("e", "n");
        return new Session("e", id, Session.Sender.through(device, peer), SessionPlan.of(c, new TlvCodec(), CoreModels.all()), storage, Duration.ofSeconds(1))
            .run().get();
    }

    private List<String> events() {
        return storage.sessions(Optional.of("e"), 1).get(0).events();
    }

    @Test
    void every_step_is_sent_after_the_previous_answer_and_logged() throws Exception {
        ScriptedDevice d = new ScriptedDevice(Map.of());
        assertEquals("success", run(d));
        assertEquals(List.of("GET /", "DELETE /", "PUT /0/1", "PUT /1/0", "POST /bs"), d.sent);
        assertEquals(List.of("DISCOVER / 2.05", "DELETE / 2.02", "WRITE /0/1 2.04", "WRITE /1/0 2.04", "FINISH 2.04"), events());
    }

    @Test
    void a_failed_discover_is_noted_and_the_session_goes_on() throws Exception {
        ScriptedDevice d = new ScriptedDevice(Map.of("GET /", ResponseCode.NOT_FOUND));
        assertEquals("success", run(d));
        assertEquals("DISCOVER / 4.04 scripted", events().get(0));
    }

    @Test
    void a_failed_write_ends_the_session_without_finish() throws Exception {
        ScriptedDevice d = new ScriptedDevice(Map.of("PUT /0/1", ResponseCode.BAD_REQUEST));
        assertEquals("failed: WRITE /0/1 answered 4.00 scripted", run(d));
        assertEquals(List.of("GET /", "DELETE /", "PUT /0/1"), d.sent);
    }

    @Test
    void a_device_that_stops_answering_fails_the_session_naming_the_request() throws Exception {
        ScriptedDevice d = new ScriptedDevice(Map.of("PUT /1/0", new TransportException(TransportException.Kind.TIMEOUT, "no response within 1 s")));
        assertEquals("failed: no answer to WRITE /1/0: no response within 1 s", run(d));
        assertEquals("WRITE /1/0 no answer: no response within 1 s", events().get(events().size() - 1));
    }

    @Test
    void not_acceptable_at_finish_is_recorded_with_the_clients_reason() throws Exception {
        ScriptedDevice d = new ScriptedDevice(Map.of("POST /bs", ResponseCode.NOT_ACCEPTABLE));
        assertEquals("failed: Bootstrap-Finish answered 4.06 scripted (the client found the configuration inconsistent)", run(d));
        assertEquals("FINISH 4.06 scripted", events().get(events().size() - 1));
    }
}
