package org.gatehouse.bsserver.impl;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.coap.BlockingRequestHandler;
import org.gatehouse.coap.BlockingRequestHandler.Answer;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what devices send a listener: Bootstrap-Request (POST /bs?ep=…&amp;pct=…) with 2.04 and a
 * session started behind the answer, Bootstrap-Pack-Request (GET /bspack?ep=…) with the whole
 * configuration. Every request, served or refused, opens a session in the log that says how it ended.
 * Deciding asks the storage, so the transport runs it off its network threads (a blocking handler),
 * and starts the session once the 2.04 has left ({@link Answer}).
 */
final class BootstrapRequests implements BlockingRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapRequests.class);
    private static final List<Integer> WRITE_FORMATS = List.of(ContentFormat.TLV.code(), ContentFormat.SENML_CBOR.code(),
        ContentFormat.SENML_JSON.code());

    private final Admission admission;
    private final BootstrapStorage storage;
    private final Sessions sessions;
    private final IntFunction<Optional<ContentCodec>> codecs;
    private final ModelLookup models;
    private final String node;
    private final AtomicReference<Listener> listener = new AtomicReference<>();

    BootstrapRequests(Admission admission, BootstrapStorage storage, Sessions sessions, IntFunction<Optional<ContentCodec>> codecs,
            ModelLookup models, String node) {
        this.admission = admission;
        this.storage = storage;
        this.sessions = sessions;
        this.codecs = codecs;
        this.models = models;
        this.node = node;
    }

    /** The listener this handler answers for; sessions send through it. */
    void bind(Listener l) {
        listener.set(l);
    }

    @Override
    public CoapResponse handle(CoapRequest request) {
        return CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, "the sender is needed");
    }

    /** The answer alone; a Bootstrap-Request's session starts before it returns. */
    @Override
    public CoapResponse handle(CoapRequest request, Peer from) {
        Answer a = answer(request, from);
        a.then().run();
        return a.response();
    }

    @Override
    public Answer answer(CoapRequest request, Peer from) {
        if (request.method() == Method.POST && request.path().equals(List.of("bs"))) {
            return bootstrapRequest(request, from);
        }
        if (request.method() == Method.GET && request.path().equals(List.of("bspack"))) {
            return Answer.only(packRequest(request, from));
        }
        return Answer.only(CoapResponse.error(ResponseCode.NOT_FOUND, "a bootstrap server answers POST /bs and GET /bspack only"));
    }

    private Answer bootstrapRequest(CoapRequest request, Peer from) {
        Admission.Decision d = admission.decide(query(request, "ep"), from.identity());
        if (!d.admitted()) {
            return Answer.only(refuse("BOOTSTRAP-REQUEST", d.endpoint(), d.code(), d.reason(), from));
        }
        Optional<String> pct = query(request, "pct");
        int format = d.config().format().map(ContentFormat::code)
            .orElseGet(() -> pct.map(BootstrapRequests::number).filter(WRITE_FORMATS::contains).orElse(ContentFormat.TLV.code()));
        if (d.config().format().isEmpty() && pct.isPresent() && !WRITE_FORMATS.contains(number(pct.get()))) {
            return Answer.only(refuse("BOOTSTRAP-REQUEST", d.endpoint(), ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                "preferred content format " + pct.get() + " is none of " + WRITE_FORMATS, from));
        }
        Optional<ContentCodec> codec = codecs.apply(format);
        Listener l = listener.get();
        if (codec.isEmpty() || l == null) {
            return Answer.only(refuse("BOOTSTRAP-REQUEST", d.endpoint(), ResponseCode.SERVICE_UNAVAILABLE,
                codec.isEmpty() ? "no codec for content format " + format + " is installed" : "the listener is starting", from));
        }
        List<Step> steps;
        try {
            steps = d.parsed().plan(codec.get(), models);
        } catch (CodecException e) {
            return Answer.only(refuse("BOOTSTRAP-REQUEST", d.endpoint(), ResponseCode.INTERNAL_SERVER_ERROR, "cannot encode the configuration: " + e.getMessage(), from));
        }
        Sessions.Reserved reserved = sessions.reserve(d.endpoint());
        if (reserved.refusal().isPresent()) {
            return Answer.only(refuse("BOOTSTRAP-REQUEST", d.endpoint(), ResponseCode.SERVICE_UNAVAILABLE, reserved.refusal().get(), from));
        }
        long id = reserved.sessionId();
        try {
            storage.sessionEvent(id, "BOOTSTRAP-REQUEST 2.04 from " + from + ", config " + d.config().key() + ", format " + format);
        } catch (RuntimeException e) {
            sessions.unreserve(d.endpoint());
            throw e;
        }
        LOG.debug("Bootstrap session {} of {} from {} ({} requests)", id, d.endpoint(), from, steps.size());
        // started behind the 2.04, on this thread: the answer is queued for the network before the first request
        return new Answer(CoapResponse.of(ResponseCode.CHANGED), () -> sessions.start(d.endpoint(), id, Session.Sender.through(l, from), steps));
    }

    private CoapResponse packRequest(CoapRequest request, Peer from) {
        Admission.Decision d = admission.decide(query(request, "ep"), from.identity());
        if (!d.admitted()) {
            return refuse("BOOTSTRAP-PACK", d.endpoint(), d.code(), d.reason(), from);
        }
        int accept = request.accept() == CoapRequest.NONE ? ContentFormat.SENML_CBOR.code() : request.accept();
        Optional<ContentCodec> codec = accept == ContentFormat.SENML_CBOR.code() || accept == ContentFormat.SENML_JSON.code()
            ? codecs.apply(accept) : Optional.empty();
        if (codec.isEmpty()) {
            return refuse("BOOTSTRAP-PACK", d.endpoint(), ResponseCode.NOT_ACCEPTABLE, "a pack is SenML CBOR (112) or SenML JSON (110), not " + accept, from);
        }
        try {
            byte[] pack = Pack.of(d.config(), codec.get(), models);
            long id = storage.sessionStarted(d.endpoint(), node);
            storage.sessionEvent(id, "BOOTSTRAP-PACK 2.05 from " + from + ", config " + d.config().key() + ", format " + accept + ", "
                + pack.length + " bytes");
            storage.sessionEnded(id, "success");
            return CoapResponse.content(accept, pack);
        } catch (CodecException e) {
            return refuse("BOOTSTRAP-PACK", d.endpoint(), ResponseCode.INTERNAL_SERVER_ERROR, "cannot encode the configuration: " + e.getMessage(), from);
        }
    }

    private CoapResponse refuse(String what, String endpoint, ResponseCode code, String reason, Peer from) {
        LOG.warn("{} of '{}' from {} refused with {}: {}", what, endpoint, from, Session.code(code), reason);
        long id = storage.sessionStarted(endpoint, node);
        storage.sessionEvent(id, what + " " + Session.code(code) + " from " + from);
        storage.sessionEnded(id, "refused: " + reason);
        return CoapResponse.error(code, reason);
    }

    /** The first {@code name=value} of the query (every Bootstrap-Request asks this twice: no stream, no concatenation). */
    private static Optional<String> query(CoapRequest request, String name) {
        for (String q : request.query()) {
            if (q.length() > name.length() && q.charAt(name.length()) == '=' && q.startsWith(name)) {
                return Optional.of(q.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
