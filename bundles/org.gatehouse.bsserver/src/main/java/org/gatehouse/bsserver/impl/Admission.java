package org.gatehouse.bsserver.impl;

import java.util.Base64;
import java.util.Optional;

import org.gatehouse.bsserver.BootstrapConfigs;
import org.gatehouse.bsserver.InvalidConfigException;
import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.ResponseCode;

/**
 * Decides whether a Bootstrap-Request (or Bootstrap-Pack-Request) is served: the endpoint must have a
 * configuration, and its name must be the one the DTLS identity belongs to (TS Transport: compare
 * {@code ep} with the security identity, 4.00 on mismatch). An endpoint with a credential is never
 * served over plain CoAP.
 */
final class Admission {

    /** Either {@code parsed} is set, or {@code code} and {@code reason} say why not. */
    record Decision(String endpoint, ConfigCache.Parsed parsed, ResponseCode code, String reason) {
        static Decision refuse(String endpoint, ResponseCode code, String reason) {
            return new Decision(endpoint, null, code, reason);
        }

        boolean admitted() {
            return parsed != null;
        }

        EndpointConfig config() {
            return parsed == null ? null : parsed.config();
        }
    }

    private final BootstrapConfigs configs;
    private final BootstrapStorage storage;
    private final ConfigCache parsed;

    Admission(BootstrapConfigs configs, BootstrapStorage storage, ConfigParser parser) {
        this.configs = configs;
        this.storage = storage;
        // the store's own cache when it is ours: a document stored on this node was parsed when it was put
        this.parsed = configs instanceof ConfigStore store ? store.parsed() : new ConfigCache(parser);
    }

    Decision decide(Optional<String> ep, PeerIdentity identity) {
        Optional<EndpointCredential> byIdentity = credentialOf(identity);
        // LwM2M 1.2: ep may be left out when it equals the security identity
        String endpoint = ep.or(() -> byIdentity.map(EndpointCredential::endpoint)).orElse("");
        if (endpoint.isEmpty()) {
            return Decision.refuse("", ResponseCode.BAD_REQUEST, "no endpoint name: the request needs ?ep=<name>");
        }
        var stored = configs.forEndpoint(endpoint);
        if (stored.isEmpty()) {
            return Decision.refuse(endpoint, ResponseCode.BAD_REQUEST, "unknown endpoint " + endpoint + ": no configuration serves it");
        }
        if (identity instanceof PeerIdentity.None) {
            Optional<EndpointCredential> own = storage.credential(endpoint);
            if (own.isPresent()) {
                return Decision.refuse(endpoint, ResponseCode.BAD_REQUEST,
                    "endpoint " + endpoint + " authenticates with " + own.get().kind() + "; plain CoAP is refused");
            }
        } else if (byIdentity.isEmpty() || !byIdentity.get().endpoint().equals(endpoint)) {
            return Decision.refuse(endpoint, ResponseCode.BAD_REQUEST, "identity mismatch: " + describe(identity) + " belongs to "
                + byIdentity.map(c -> "endpoint " + c.endpoint()).orElse("no endpoint") + ", not to " + endpoint);
        }
        try {
            return new Decision(endpoint, parsed.parse(stored.get().json()), null, null);
        } catch (InvalidConfigException e) {
            // stored documents were validated; this one fails now (an object model went away)
            return Decision.refuse(endpoint, ResponseCode.INTERNAL_SERVER_ERROR, "configuration " + stored.get().key() + " no longer valid: "
                + e.getMessage());
        }
    }

    private Optional<EndpointCredential> credentialOf(PeerIdentity identity) {
        if (identity instanceof PeerIdentity.Psk psk) {
            return storage.credentialByIdentity(EndpointCredential.Kind.PSK, psk.identity());
        } else if (identity instanceof PeerIdentity.Rpk rpk) {
            return storage.credentialByIdentity(EndpointCredential.Kind.RPK, Base64.getEncoder().encodeToString(rpk.publicKey()));
        } else if (identity instanceof PeerIdentity.X509 x509) {
            return x509.commonName().flatMap(cn -> storage.credentialByIdentity(EndpointCredential.Kind.X509, cn));
        }
        return Optional.empty();
    }

    private static String describe(PeerIdentity identity) {
        if (identity instanceof PeerIdentity.Psk psk) {
            return "PSK identity '" + psk.identity() + "'";
        }
        return identity.toString();
    }
}
