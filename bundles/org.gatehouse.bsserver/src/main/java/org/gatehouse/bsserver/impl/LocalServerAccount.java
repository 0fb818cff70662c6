package org.gatehouse.bsserver.impl;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

import org.gatehouse.bsserver.storage.CredentialRole;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.coap.PeerIdentity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server account marked {@code "localServer": true}: an account on the gateway's own LwM2M server.
 * The credential it gives the device is what that server must accept from it, so the configuration
 * records it in the storage for {@link CredentialRole#LWM2M_SERVER}: a device bootstrapped here
 * registers there with nothing configured twice.
 */
final class LocalServerAccount {

    static final String FIELD = "localServer";

    private LocalServerAccount() {
    }

    /**
     * The credential the marked account of {@code servers} gives endpoint {@code key}; empty when no
     * account is marked or the marked one is NoSec.
     */
    static Optional<EndpointCredential> credential(JsonNode servers, String key) {
        JsonNode marked = null;
        int index = -1;
        for (int i = 0; i < servers.size(); i++) {
            JsonNode s = servers.get(i);
            if (s.has(FIELD) && Json.bool(s, FIELD)) {
                if (marked != null) {
                    throw new IllegalArgumentException("servers[" + i + "]." + FIELD + ": servers[" + index
                        + "] is already the account on the gateway's LwM2M server; mark one account only");
                }
                marked = s;
                index = i;
            }
        }
        if (marked == null || marked.path("security").isMissingNode()) {
            return Optional.empty();
        }
        String where = "servers[" + index + "]." + FIELD;
        JsonNode security = marked.path("security");
        String mode = Json.text(security, "mode");
        if (mode.equals("nosec")) {
            return Optional.empty();
        }
        if (key.endsWith("*")) {
            throw new IllegalArgumentException(where + ": a prefix serves many devices, and a " + mode + " credential belongs to one;"
                + " give each device its own configuration for an account on the gateway's LwM2M server");
        }
        return Optional.of(switch (mode) {
            case "psk" -> new EndpointCredential(key, EndpointCredential.Kind.PSK, Json.text(security, "identity"), Json.bytes(security, "key"));
            case "rpk" -> new EndpointCredential(key, EndpointCredential.Kind.RPK, Base64.getEncoder().encodeToString(Json.bytes(security, "publicKey")),
                null);
            case "x509" -> new EndpointCredential(key, EndpointCredential.Kind.X509, commonName(Json.bytes(security, "certificate"), key, where), null);
            default -> throw new IllegalArgumentException(where + ": security.mode '" + mode + "' is none of nosec, psk, rpk, x509");
        });
    }

    /** The gateway's LwM2M server takes a certificate's subject CN as the endpoint name: it must be {@code key}. */
    private static String commonName(byte[] der, String key, String where) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            String subject = cert.getSubjectX500Principal().getName();
            Optional<String> cn = new PeerIdentity.X509(subject).commonName();
            if (cn.isEmpty() || !cn.get().equals(key)) {
                throw new IllegalArgumentException(where + ": the certificate's subject " + subject + " must have CN=" + key
                    + " (the gateway's LwM2M server takes the CN as the endpoint name)");
            }
            return cn.get();
        } catch (CertificateException e) {
            throw new IllegalArgumentException(where + ": security.certificate is no X.509 certificate: " + e.getMessage(), e);
        }
    }
}
