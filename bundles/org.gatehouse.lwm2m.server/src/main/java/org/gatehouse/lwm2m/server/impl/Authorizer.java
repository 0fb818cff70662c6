package org.gatehouse.lwm2m.server.impl;

import java.util.Optional;
import java.util.function.Supplier;

import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.lwm2m.server.DeviceCredential;
import org.gatehouse.lwm2m.server.DeviceCredentials;

/**
 * Whether a peer may register as an endpoint: over DTLS the endpoint must be the one its credential
 * belongs to (for X.509, the certificate's subject CN is the endpoint name); over plain CoAP only an endpoint without a credential may register (one with a
 * credential must use it, or anyone could take its name).
 */
final class Authorizer {

    private final Supplier<Iterable<DeviceCredentials>> sources;

    Authorizer(Supplier<Iterable<DeviceCredentials>> sources) {
        this.sources = sources;
    }

    /** Why {@code peer} may not register as {@code endpoint}; empty when it may. */
    Optional<String> refusal(String endpoint, Peer peer) {
        PeerIdentity id = peer.identity();
        if (id instanceof PeerIdentity.None) {
            return forEndpoint(endpoint).map(c -> "endpoint " + endpoint + " has a credential (" + c + "): register over DTLS with it");
        }
        if (id instanceof PeerIdentity.Psk psk) {
            Optional<DeviceCredential> c = forPskIdentity(psk.identity());
            if (c.isEmpty()) {
                return Optional.of("PSK identity " + psk.identity() + " belongs to no device");
            }
            return c.get().endpoint().equals(endpoint) ? Optional.empty()
                : Optional.of("PSK identity " + psk.identity() + " belongs to endpoint " + c.get().endpoint() + ", not " + endpoint);
        }
        if (id instanceof PeerIdentity.Rpk rpk) {
            Optional<DeviceCredential> c = forPublicKey(rpk.publicKey());
            if (c.isEmpty()) {
                return Optional.of("public key " + rpk + " belongs to no device");
            }
            return c.get().endpoint().equals(endpoint) ? Optional.empty()
                : Optional.of("public key " + rpk + " belongs to endpoint " + c.get().endpoint() + ", not " + endpoint);
        }
        if (id instanceof PeerIdentity.X509 x509) {
            Optional<String> cn = x509.commonName();
            if (cn.isEmpty() || forCertificate(cn.get()).isEmpty()) {
                return Optional.of("certificate " + x509.subject() + " belongs to no X.509 device");
            }
            return cn.get().equals(endpoint) ? Optional.empty()
                : Optional.of("certificate " + x509.subject() + " belongs to endpoint " + cn.get() + ", not " + endpoint);
        }
        return Optional.of(id + ": unknown kind of DTLS identity");
    }

    /** The X.509 credential of the endpoint named by a certificate's subject CN. */
    Optional<DeviceCredential> forCertificate(String commonName) {
        return forEndpoint(commonName).filter(DeviceCredential::x509);
    }

    Optional<DeviceCredential> forPublicKey(byte[] key) {
        for (DeviceCredentials s : sources.get()) {
            Optional<DeviceCredential> c = s.forPublicKey(key);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    Optional<DeviceCredential> forEndpoint(String endpoint) {
        for (DeviceCredentials s : sources.get()) {
            Optional<DeviceCredential> c = s.forEndpoint(endpoint);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    Optional<DeviceCredential> forPskIdentity(String identity) {
        for (DeviceCredentials s : sources.get()) {
            Optional<DeviceCredential> c = s.forPskIdentity(identity);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }
}
