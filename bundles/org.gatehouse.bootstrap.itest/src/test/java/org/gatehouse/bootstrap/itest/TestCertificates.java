package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Self-signed EC identities made by the JDK's keytool, the way an integrator would make them. */
final class TestCertificates {

    private TestCertificates() {
    }

    /** A private key and its certificate. */
    record Identity(PrivateKey key, X509Certificate cert) {
    }

    /**
     * A fresh secp256r1 identity with subject {@code CN=cn}, valid for two days.
     *
     * @param dir where keytool writes its PKCS#12 store
     * @param san a subjectAltName such as {@code ip:127.0.0.1}, or null
     */
    static Identity keytool(Path dir, String alias, String cn, String san) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=" + cn,
            "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"));
        if (san != null) {
            cmd.addAll(List.of("-ext", "san=" + san));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return new Identity((PrivateKey) ks.getKey(alias, "changeit".toCharArray()), (X509Certificate) ks.getCertificate(alias));
    }
}
