package org.gatehouse.software.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detached package signatures against the trusted keys of a folder: each {@code *.pem} file holds a
 * public key (PEM "PUBLIC KEY", X.509 SubjectPublicKeyInfo), Ed25519 or EC. A signature is the raw
 * signature bytes or their Base64 text: Ed25519 over the package, or SHA256withECDSA (DER) for an
 * EC key. It is good when any trusted key verifies it.
 */
final class Signatures {

    private static final Logger LOG = LoggerFactory.getLogger(Signatures.class);

    private Signatures() {
    }

    /** The trusted keys; none when the folder is absent or empty, meaning signatures are not required. */
    static List<PublicKey> trusted(Path dir) {
        List<PublicKey> keys = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pem")) {
            for (Path f : files) {
                try {
                    keys.add(parse(Files.readString(f, StandardCharsets.US_ASCII)));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    LOG.warn("Software: trusted key {} ignored: {}; it must be a PEM PUBLIC KEY, Ed25519 or EC", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("Software: cannot read trusted keys in {}: {}", dir, e.getMessage());
        }
        return keys;
    }

    static PublicKey parse(String pem) throws GeneralSecurityException {
        String b64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(b64));
        for (String algorithm : new String[] {"Ed25519", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("neither an Ed25519 nor an EC public key");
    }

    static boolean verify(Path pkg, byte[] signature, List<PublicKey> keys) throws IOException {
        byte[] sig = decode(signature);
        for (PublicKey key : keys) {
            try {
                Signature s = Signature.getInstance(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519");
                s.initVerify(key);
                try (InputStream in = Files.newInputStream(pkg)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n; (n = in.read(buf)) > 0;) {
                        s.update(buf, 0, n);
                    }
                }
                if (s.verify(sig)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                LOG.debug("signature not verified with a {} key: {}", key.getAlgorithm(), e.getMessage());
            }
        }
        return false;
    }

    /** Base64 text when it reads as such, else the raw bytes. */
    private static byte[] decode(byte[] signature) {
        String text = new String(signature, StandardCharsets.US_ASCII).trim();
        if (text.matches("[A-Za-z0-9+/=\\s]+")) {
            try {
                return Base64.getMimeDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return signature;
            }
        }
        return signature;
    }

    /** Where the signature of {@code uri} is: the same URI with ".sig" after its path, without the fragment. */
    static java.net.URI signatureUri(java.net.URI uri) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        int query = s.indexOf('?');
        return java.net.URI.create(query < 0 ? s + ".sig" : s.substring(0, query) + ".sig" + s.substring(query));
    }
}
