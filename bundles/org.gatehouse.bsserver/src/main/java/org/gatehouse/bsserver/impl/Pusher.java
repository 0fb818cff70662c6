package org.gatehouse.bsserver.impl;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import org.gatehouse.bsserver.BootstrapConfigs;
import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.bsserver.storage.StoredConfig;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.CoapTransport;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.TransportException;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LwM2M 1.0 Server-Initiated Bootstrap: the bootstrap server connects to a device that listens
 * (DTLS roles reversed: we are the DTLS client, with the endpoint's own PSK) and runs the session
 * without a Bootstrap-Request: Delete, Writes, Finish, as configured.
 */
final class Pusher {

    private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);

    private final CoapTransport transport;
    private final BootstrapConfigs configs;
    private final BootstrapStorage storage;
    private final ConfigParser parser;
    private final Sessions sessions;
    private final IntFunction<Optional<ContentCodec>> codecs;
    private final ModelLookup models;

    Pusher(CoapTransport transport, BootstrapConfigs configs, BootstrapStorage storage, ConfigParser parser, Sessions sessions,
            IntFunction<Optional<ContentCodec>> codecs, ModelLookup models) {
        this.transport = transport;
        this.configs = configs;
        this.storage = storage;
        this.parser = parser;
        this.sessions = sessions;
        this.codecs = codecs;
        this.models = models;
    }

    CompletableFuture<String> push(String endpoint, URI device) {
        List<Step> steps;
        PeerSpec peer;
        try {
            StoredConfig stored = configs.forEndpoint(endpoint)
                .orElseThrow(() -> new IllegalArgumentException("unknown endpoint " + endpoint + ": no configuration serves it"));
            EndpointConfig config = parser.parse(stored.json());
            int format = config.format().orElse(ContentFormat.TLV).code();
            ContentCodec codec = codecs.apply(format).orElseThrow(() -> new IllegalStateException("no codec for content format " + format));
            steps = SessionPlan.of(config, codec, models);
            peer = new PeerSpec("1.0 push to " + endpoint, device, security(endpoint));
        } catch (InvalidConfigException | CodecException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot push to " + endpoint + ": " + e.getMessage(), e));
        }
        Sessions.Reserved reserved = sessions.reserve(endpoint);
        if (reserved.refusal().isPresent()) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot push to " + endpoint + ": " + reserved.refusal().get()));
        }
        long id = reserved.sessionId();
        storage.sessionEvent(id, "PUSH to " + device + " (" + peer.security().getClass().getSimpleName() + ")");
        Connection connection;
        try {
            connection = transport.open(peer, RequestHandler.REFUSE);
        } catch (TransportException | RuntimeException e) {
            storage.sessionEnded(id, "failed: cannot reach " + device + ": " + e.getMessage());
            sessions.unreserve(endpoint);
            return CompletableFuture.completedFuture("failed: cannot reach " + device + ": " + e.getMessage());
        }
        LOG.debug("Bootstrap session {} of {}: pushing to {} ({} requests)", id, endpoint, device, steps.size());
        return sessions.start(endpoint, id, connection::sendAsync, steps, connection::close);
    }

    /** The endpoint's own credential: the device's listener accepts exactly its bootstrap account's PSK. */
    private PeerSecurity security(String endpoint) {
        Optional<EndpointCredential> c = storage.credential(endpoint);
        if (c.isEmpty()) {
            return new PeerSecurity.NoSec();
        }
        if (c.get().kind() != EndpointCredential.Kind.PSK) {
            throw new IllegalArgumentException("a push connects with the endpoint's PSK; " + endpoint + " has " + c.get().kind());
        }
        return new PeerSecurity.Psk(c.get().identity(), c.get().secret());
    }
}
