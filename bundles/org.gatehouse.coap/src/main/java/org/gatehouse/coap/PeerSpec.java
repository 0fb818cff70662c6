package org.gatehouse.coap;

import java.net.URI;
import java.util.Objects;

/**
 * Who to connect to and how: the server URI of an account and its security.
 *
 * @param name a label for logs and errors, e.g. "bootstrap-server" or "server 101"
 * @since 1.0.0
 */
public record PeerSpec(String name, URI uri, PeerSecurity security) {

    public PeerSpec {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(security, "security");
        String scheme = uri.getScheme();
        if (!"coap".equals(scheme) && !"coaps".equals(scheme)) {
            throw new IllegalArgumentException(name + ": server URI must be coap:// or coaps://, not " + uri);
        }
        if ("coaps".equals(scheme) == security instanceof PeerSecurity.NoSec) {
            throw new IllegalArgumentException(name + ": " + uri + " does not fit security mode " + security);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(name + ": server URI has no host: " + uri);
        }
    }

    /** The port of the URI, or the CoAP default for its scheme. */
    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : "coaps".equals(uri.getScheme()) ? 5684 : 5683;
    }
}
