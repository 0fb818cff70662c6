package org.gatehouse.bsserver.impl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;

/**
 * A validated bootstrap configuration: what a session does for the endpoints of {@code key}.
 *
 * @param localServerCredential what the account on the gateway's own LwM2M server ({@code localServer}) gives the device:
 *                the credential that server must accept from it; empty when there is none or it is NoSec
 * @param format  the content format of the writes; empty: the client's preferred one (pct), else TLV
 * @param deletes paths deleted before the writes ("/" for everything the client lets go)
 * @param reads   Bootstrap-Read paths (/1 and /2 only), after the Discover
 * @param order   object or instance paths whose writes go first, in this order; the rest by path
 * @param writes  every instance written, in session order
 */
record EndpointConfig(String key, Optional<EndpointCredential> credential, Optional<EndpointCredential> localServerCredential,
        Optional<ContentFormat> format, List<LwM2mPath> deletes,
        boolean discover, List<LwM2mPath> reads, List<LwM2mPath> order, List<Write> writes) {

    /** One Bootstrap-Write of an instance at {@code path} (/o/i). */
    record Write(LwM2mPath path, LwM2mObjectInstance instance) {
        Write {
            Objects.requireNonNull(instance, "instance");
            if (!path.isObjectInstance() || path.instanceId() != instance.id()) {
                throw new IllegalArgumentException("a write needs an instance path matching its instance: " + path);
            }
        }
    }

    EndpointConfig {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(localServerCredential, "localServerCredential");
        Objects.requireNonNull(format, "format");
        deletes = List.copyOf(deletes);
        reads = List.copyOf(reads);
        order = List.copyOf(order);
        writes = List.copyOf(writes);
    }

    boolean isPrefix() {
        return key.endsWith("*");
    }

    /** Whether this configuration serves {@code endpoint}: its own name, or a name starting with its prefix. */
    boolean serves(String endpoint) {
        return isPrefix() ? endpoint.startsWith(key.substring(0, key.length() - 1)) : endpoint.equals(key);
    }
}
