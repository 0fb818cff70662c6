package org.gatehouse.coap.californium;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.gatehouse.coap.TransportException;

/** Turns the DER bytes of a Security instance into JCA keys and certificates. */
final class Credentials {
    private Credentials() {
    }

    static PublicKey publicKey(byte[] subjectPublicKeyInfo, String what) throws TransportException {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw config(what + " is not an EC SubjectPublicKeyInfo (DER)", e);
        }
    }

    static PrivateKey privateKey(byte[] pkcs8, String what) throws TransportException {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw config(what + " is not an EC private key (PKCS#8 DER)", e);
        }
    }

    static X509Certificate certificate(byte[] der, String what) throws TransportException {
        try {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return (X509Certificate) c;
        } catch (GeneralSecurityException e) {
            throw config(what + " is not an X.509 certificate (DER)", e);
        }
    }

    private static TransportException config(String message, Exception cause) {
        return new TransportException(TransportException.Kind.CONFIGURATION, message + ": " + cause.getMessage(), cause);
    }
}
