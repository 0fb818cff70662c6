package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH shell of the assembled distribution, started with bin/gatehouse: off and closed as shipped;
 * once enabled, an SSH client (SSHD's) with the right key or password runs gateway commands, a wrong key
 * or password is refused and logged, the host key is kept in data/ across restarts, and
 * bin/gatehouse-shell (OpenSSH underneath) runs one command for a script.
 */
class SshShellIT {

    private static final Duration T = Duration.ofSeconds(30);
    private static final String PASSWORD = "Tr0ub4dor&3 but longer";

    @TempDir
    Path dir;

    private final SshClient client = SshClient.setUpDefaultClient();
    private final AtomicReference<PublicKey> serverKey = new AtomicReference<>();

    record Result(int status, String out, String err) {
    }

    @BeforeEach
    void client() {
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier((session, address, key) -> {
            serverKey.set(key);
            return true;
        });
        client.start();
    }

    @AfterEach
    void stopClient() {
        client.stop();
    }

    @Test
    void as_shipped_the_shell_is_off_and_its_port_closed() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        addFeature(home);
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            gw.await("SSH shell off", 0, T);
            String lb = gw.listing("lb -s", T);
            assertTrue(lb.matches("(?s).*Active\\s*\\|\\s*\\d+\\|org\\.gatehouse\\.shell\\.ssh \\(.*"), lb);
            try (Socket s = new Socket()) {
                assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress("127.0.0.1", 8101), 2000));
            }
            assertEquals(0, gw.stop());
        }
    }

    @Test
    void keys_and_passwords_from_etc_log_in_wrong_ones_are_refused_and_the_host_key_is_kept() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        addFeature(home);
        int port = freePort();
        KeyPair allowed = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        KeyPair stranger = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        Path scriptKey = dir.resolve("id_script");
        run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", scriptKey.toString()), "");
        Files.createDirectories(home.resolve("etc/ssh"));
        Files.writeString(home.resolve("etc/ssh/authorized_keys"), PublicKeyEntry.toString(allowed.getPublic()) + " test\n"
            + Files.readString(Path.of(scriptKey + ".pub")));
        String hashLine = run(List.of(home.resolve("bin/gatehouse-shell").toString(), "--hash-password"), PASSWORD + "\n").out().trim();
        assertTrue(hashLine.startsWith("passwordHash=pbkdf2-sha256:"), hashLine);
        configure(home, port, hashLine);

        String fingerprint;
        try (Gateway gw = Gateway.start(home)) {
            gw.await("SSH shell listening on 127.0.0.1:" + port, 0, T);
            // the port opens before every command is registered: wait until the console has the one used here
            gw.command("bootstrap:status", "phase: ", T);
            Result status = exec(port, "gatehouse", allowed, null, "bootstrap:status");
            assertEquals(0, status.status(), status.toString());
            assertTrue(status.out().startsWith("phase: "), status.out());
            fingerprint = KeyUtils.getFingerPrint(serverKey.get());

            assertThrows(IOException.class, () -> exec(port, "gatehouse", stranger, null, "bootstrap:status"));
            gw.await("SSH login refused: user 'gatehouse' from /127.0.0.1:", 0, T);
            gw.await("is not in " + home.resolve("etc/ssh/authorized_keys"), 0, T);
            assertThrows(IOException.class, () -> exec(port, "gatehouse", null, "not the password", "bootstrap:status"));
            gw.await(": wrong password", 0, T);
            assertFalse(gw.output().contains("not the password") || gw.output().contains(PASSWORD), "a password was logged");

            Result byPassword = exec(port, "gatehouse", null, PASSWORD, "lwm2m:objects");
            assertEquals(0, byPassword.status(), byPassword.toString());
            assertTrue(byPassword.out().contains("Device"), byPassword.out());
            Result unknown = exec(port, "gatehouse", allowed, null, "nosuch:command");
            assertEquals(1, unknown.status(), unknown.toString());

            Result script = run(List.of(home.resolve("bin/gatehouse-shell").toString(), "bootstrap:status"), "", "GATEHOUSE_SSH_KEY", scriptKey.toString());
            assertEquals(0, script.status(), script.toString());
            assertTrue(script.out().startsWith("phase: "), script.out());
            Result scriptFails = run(List.of(home.resolve("bin/gatehouse-shell").toString(), "nosuch:command"), "", "GATEHOUSE_SSH_KEY",
                scriptKey.toString());
            assertEquals(1, scriptFails.status(), scriptFails.toString());

            Path hostKey = home.resolve("data/ssh/host_key");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hostKey)));
            assertEquals(0, gw.stop());
        }
        try (Gateway gw = Gateway.start(home)) {
            gw.await("SSH shell listening on 127.0.0.1:" + port, 0, T);
            // the port opens before every command is registered: wait until the console has the one used here
            gw.command("bootstrap:status", "phase: ", T);
            Result again = exec(port, "gatehouse", allowed, null, "bootstrap:status");
            assertEquals(0, again.status(), again + gw.output());
            assertEquals(fingerprint, KeyUtils.getFingerPrint(serverKey.get()), "the host key changed across a restart");
            assertTrue(gw.output().contains("SSH host key " + fingerprint + " from "), gw.output());
            assertEquals(0, gw.stop());
        }
    }

    /** Adds the shell-ssh feature to etc/config.properties unless the default list has it. */
    private static void addFeature(Path home) throws IOException {
        Path config = home.resolve("etc/config.properties");
        String text = Files.readString(config);
        if (!text.matches("(?s).*gatehouse\\.features=[^\\n]*shell-ssh.*")) {
            Files.writeString(config, text.replaceFirst("(gatehouse\\.features=[^\\n]*)", "$1,shell-ssh"));
        }
    }

    private static void configure(Path home, int port, String hashLine) throws IOException {
        Path cfg = home.resolve("etc/org.gatehouse.shell.ssh.cfg");
        String text = Files.readString(cfg).replace("enabled=false", "enabled=true").replace("port=8101", "port=" + port);
        Files.writeString(cfg, text + hashLine + "\n");
    }

    private Result exec(int port, String user, KeyPair key, String password, String command) throws IOException {
        try (ClientSession session = client.connect(user, "127.0.0.1", port).verify(T).getSession()) {
            if (key != null) {
                session.addPublicKeyIdentity(key);
            }
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            session.auth().verify(T);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ClientChannel channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(err);
                channel.open().verify(T);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), T);
                Integer status = channel.getExitStatus();
                return new Result(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            }
        }
    }

    /** Runs a program with {@code input} on stdin and optional environment pairs; stdout and stderr apart. */
    private static Result run(List<String> command, String input, String... env) throws Exception {
        Path out = Files.createTempFile("ssh-it", ".out");
        Path err = Files.createTempFile("ssh-it", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        for (int i = 0; i + 1 < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        pb.environment().put("HOME", Files.createTempDirectory("ssh-it-home").toString()); // no ~/.ssh of the machine
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(T.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + T);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
