package org.gatehouse.lwm2m.server.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gatehouse.coap.CredentialResolver;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.TransportException;
import org.gatehouse.lwm2m.server.DeviceCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS side of the server's configuration: PSK always; RPK with the server's own key pair;
 * X.509 with its certificate, where client certificates must chain up to the configured trust
 * anchors and name, in their subject CN, an endpoint that has an X.509 credential.
 */
final class DtlsSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(DtlsSecurity.class);
    /** Where device credentials come from, for the operator reading a refusal. */
    private static final String SOURCES = "factory configurations " + ConfiguredCredential.PID
        + ", and the LwM2M-server credentials of the bootstrap-server storage where one is installed";

    private DtlsSecurity() {
    }

    static ListenSecurity.Dtls of(LwM2mServerComponent.Config config, Authorizer authorizer) throws TransportException {
        boolean certificate = !config.x509_certificate_file().isEmpty();
        if (config.x509_trust_anchor_files().length > 0 && !certificate || certificate && config.rpk_private_key_file().isEmpty()) {
            throw new TransportException(TransportException.Kind.CONFIGURATION, LwM2mServerComponent.PID + ": X.509 devices need the "
                + "server's certificate (x509.certificate.file) and its private key (rpk.private.key.file) besides x509.trust.anchor.files");
        }
        try {
            CredentialResolver resolver = new Resolver(authorizer, files(config.x509_trust_anchor_files()));
            if (config.rpk_private_key_file().isEmpty() && config.rpk_public_key_file().isEmpty() && !certificate) {
                return ListenSecurity.Dtls.psk(resolver);
            }
            byte[] key = Files.readAllBytes(Path.of(config.rpk_private_key_file()));
            if (certificate) {
                return ListenSecurity.Dtls.x509(resolver, List.of(Files.readAllBytes(Path.of(config.x509_certificate_file()))), key);
            }
            return ListenSecurity.Dtls.rpk(resolver, Files.readAllBytes(Path.of(config.rpk_public_key_file())), key);
        } catch (IOException | InvalidPathException e) {
            throw new TransportException(TransportException.Kind.CONFIGURATION, LwM2mServerComponent.PID + ": cannot read the server's key, "
                + "certificate or trust anchor files (rpk.private.key.file " + config.rpk_private_key_file() + ", rpk.public.key.file "
                + config.rpk_public_key_file() + ", x509.certificate.file " + config.x509_certificate_file() + "): " + e.getMessage(), e);
        }
    }

    private static List<byte[]> files(String[] paths) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String p : paths) {
            out.add(Files.readAllBytes(Path.of(p)));
        }
        return out;
    }

    /** Asks the device credentials at every handshake, so a credential added a moment ago counts. */
    private record Resolver(Authorizer authorizer, List<byte[]> trustAnchors) implements CredentialResolver {

        @Override
        public Optional<byte[]> pskKey(String identity) {
            Optional<byte[]> key = authorizer.forPskIdentity(identity).flatMap(DeviceCredential::pskKey);
            if (key.isEmpty()) {
                LOG.warn("DTLS handshake with PSK identity '{}' refused: no device credential has it ({})", identity,
                    SOURCES);
            }
            return key;
        }

        @Override
        public boolean acceptsPublicKey(byte[] publicKey) {
            boolean known = authorizer.forPublicKey(publicKey).isPresent();
            if (!known) {
                LOG.warn("DTLS handshake with an unknown raw public key refused: no device credential has it ({})",
                    SOURCES);
            }
            return known;
        }

        @Override
        public boolean acceptsCertificate(String subject, byte[] certificate) {
            boolean known = new PeerIdentity.X509(subject).commonName().flatMap(authorizer::forCertificate).isPresent();
            if (!known) {
                LOG.warn("DTLS handshake with certificate {} refused: its CN is no endpoint with an X.509 credential ({})",
                    subject, SOURCES);
            }
            return known;
        }
    }
}
