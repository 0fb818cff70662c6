package org.gatehouse.lwm2m.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;

/**
 * One device's registration as the server holds it: what the Register (and the Updates since)
 * said, and who sent it.
 *
 * @param id           the registration id, the last segment of the location {@code /rd/<id>}
 * @param endpoint     the {@code ep} parameter
 * @param peer         the address and authenticated identity of the last Register or Update
 * @param lwm2mVersion the {@code lwm2m} parameter, "1.0" when absent
 * @param lifetime     the {@code lt} parameter
 * @param binding      the {@code b} parameter, e.g. "U" or "UQ"
 * @param queueMode    whether requests wait for the device to wake ({@code b=UQ} in 1.0, {@code Q} in 1.1)
 * @param rootPath     the alternate path the device announced ({@code </x>;rt="oma.lwm2m"}), "/" without one
 * @param objects      the object list, link targets below the root path, e.g. "/3/0", "/1"
 * @param registered   when the Register came
 * @param lastUpdate   when the Register or the last Update came: the lifetime counts from here
 * @since 1.0.0
 */
public record Registration(String id, String endpoint, Peer peer, String lwm2mVersion, Duration lifetime, String binding,
        boolean queueMode, String rootPath, List<String> objects, Instant registered, Instant lastUpdate) {

    public Registration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(lwm2mVersion, "lwm2mVersion");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(rootPath, "rootPath");
        objects = List.copyOf(objects);
        Objects.requireNonNull(registered, "registered");
        Objects.requireNonNull(lastUpdate, "lastUpdate");
    }

    public InetSocketAddress address() {
        return peer.address();
    }

    /** Whether the device registered over DTLS. */
    public boolean secure() {
        return !(peer.identity() instanceof PeerIdentity.None);
    }

    /** "NoSec", "PSK <identity>", "RPK …" or "X.509 <subject>", for logs and the shell. */
    public String security() {
        PeerIdentity id = peer.identity();
        if (id instanceof PeerIdentity.Psk psk) {
            return "PSK " + psk.identity();
        }
        if (id instanceof PeerIdentity.X509 x509) {
            return "X.509 " + x509.subject();
        }
        return id instanceof PeerIdentity.None ? "NoSec" : id.toString();
    }

    /** When the registration lapses without an Update: last update plus lifetime. */
    public Instant expiry() {
        return lastUpdate.plus(lifetime);
    }

    @Override
    public String toString() {
        return endpoint + " (" + id + ") at " + address() + ", " + security() + ", lwm2m " + lwm2mVersion + ", binding " + binding
            + (queueMode ? " (queue mode)" : "") + ", lifetime " + lifetime.toSeconds() + " s";
    }
}
