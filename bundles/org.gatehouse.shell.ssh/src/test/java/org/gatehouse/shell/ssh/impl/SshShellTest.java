package org.gatehouse.shell.ssh.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on a loopback port with a real Gogo runtime, logged into by a real SSH client. */
class SshShellTest {

    /** Commands the tests run. */
    public static final class Demo {
        public String hello(String name) {
            return "hello " + name;
        }

        public void broken() {
            throw new IllegalStateException("broken on purpose");
        }

        public void chatty() {
            System.out.println("printed by the command");
        }
    }

    private static final String PASSWORD = "correct horse battery staple";
    private static final Clock STILL = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneId.of("UTC"));

    @TempDir
    Path dir;

    private final ThreadIOImpl threadIo = new ThreadIOImpl();
    private CommandProcessorImpl gogo;
    private KeyPair allowed;
    private KeyPair other;
    private SshShell shell;
    private SshLogin ssh;

    @BeforeEach
    void start() throws Exception {
        threadIo.start();
        gogo = new CommandProcessorImpl(threadIo);
        gogo.addCommand("demo", new Demo(), "hello");
        gogo.addCommand("demo", new Demo(), "broken");
        gogo.addCommand("demo", new Demo(), "chatty");
        allowed = newKey();
        other = newKey();
        Files.createDirectories(dir.resolve("etc/ssh"));
        Files.writeString(dir.resolve("etc/ssh/authorized_keys"), "# who may log in\n" + PublicKeyEntry.toString(allowed.getPublic()) + " ops@example\n");
        shell = SshShell.start(settings(Optional.of(PasswordHash.create(PASSWORD.toCharArray(), 1000)), 3), gogo, STILL);
        ssh = new SshLogin();
    }

    @AfterEach
    void stop() throws IOException {
        ssh.close();
        shell.close();
        threadIo.stop();
    }

    @Test
    void the_right_key_runs_one_command_and_gets_its_value() throws Exception {
        SshLogin.Result r = ssh.exec(shell.port(), "gatehouse", Optional.of(allowed), Optional.empty(), "demo:hello world");
        assertEquals(new SshLogin.Result(0, "hello world\n", ""), r);
        SshLogin.Result printed = ssh.exec(shell.port(), "gatehouse", Optional.of(allowed), Optional.empty(), "chatty");
        assertEquals(new SshLogin.Result(0, "printed by the command\n", ""), printed);
    }

    @Test
    void a_failing_or_unknown_command_exits_1_with_the_error_on_stderr() throws Exception {
        SshLogin.Result broken = ssh.exec(shell.port(), "gatehouse", Optional.of(allowed), Optional.empty(), "demo:broken");
        assertEquals(1, broken.status());
        assertTrue(broken.err().contains("broken on purpose"), broken.err());
        SshLogin.Result unknown = ssh.exec(shell.port(), "gatehouse", Optional.of(allowed), Optional.empty(), "nosuch:command");
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().contains("nosuch:command"), unknown.err());
    }

    @Test
    void the_right_password_logs_in() throws Exception {
        SshLogin.Result r = ssh.exec(shell.port(), "gatehouse", Optional.empty(), Optional.of(PASSWORD), "demo:hello pw");
        assertEquals(0, r.status());
        assertEquals("hello pw\n", r.out());
    }

    @Test
    void a_wrong_key_a_wrong_password_and_a_wrong_user_are_refused() {
        assertThrows(IOException.class, () -> ssh.exec(shell.port(), "gatehouse", Optional.of(other), Optional.empty(), "demo:hello x"));
        assertThrows(IOException.class, () -> ssh.exec(shell.port(), "gatehouse", Optional.empty(), Optional.of("wrong"), "demo:hello x"));
        assertThrows(IOException.class, () -> ssh.exec(shell.port(), "root", Optional.of(allowed), Optional.empty(), "demo:hello x"));
    }

    @Test
    void after_repeated_failures_the_address_is_refused_even_with_the_right_key() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> ssh.exec(shell.port(), "gatehouse", Optional.of(other), Optional.empty(), "demo:hello x"));
        }
        // the clock stands still, so the 1 s refusal does not end during the test
        assertThrows(IOException.class, () -> ssh.exec(shell.port(), "gatehouse", Optional.of(allowed), Optional.empty(), "demo:hello x"));
    }

    @Test
    void failures_below_the_threshold_do_not_stop_the_right_key() throws Exception {
        assertThrows(IOException.class, () -> ssh.exec(shell.port(), "gatehouse", Optional.of(other), Optional.empty(), "demo:hello x"));
        assertThrows(IOException.class, () -> ssh.exec(shell.port(), "gatehouse", Optional.empty(), Optional.of("wrong"), "demo:hello x"));
        assertEquals(0, ssh.exec(shell.port(), "gatehouse", Optional.of(allowed), Optional.empty(), "demo:hello x").status());
    }

    @Test
    void without_a_password_hash_no_password_is_accepted() throws Exception {
        shell.close();
        shell = SshShell.start(settings(Optional.empty(), 3), gogo, STILL);
        assertThrows(IOException.class, () -> ssh.exec(shell.port(), "gatehouse", Optional.empty(), Optional.of(PASSWORD), "demo:hello x"));
    }

    @Test
    void a_key_added_to_the_file_applies_at_the_next_login() throws Exception {
        assertThrows(IOException.class, () -> ssh.exec(shell.port(), "gatehouse", Optional.of(other), Optional.empty(), "demo:hello x"));
        Path keys = dir.resolve("etc/ssh/authorized_keys");
        Files.writeString(keys, Files.readString(keys) + PublicKeyEntry.toString(other.getPublic()) + "\n");
        Files.setLastModifiedTime(keys, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5))); // a new mtime even on a coarse clock
        assertEquals(0, ssh.exec(shell.port(), "gatehouse", Optional.of(other), Optional.empty(), "demo:hello x").status());
    }

    @Test
    void the_host_key_is_generated_owner_only_and_kept_across_restarts() throws Exception {
        ssh.exec(shell.port(), "gatehouse", Optional.of(allowed), Optional.empty(), "demo:hello x");
        String first = KeyUtils.getFingerPrint(ssh.serverKey());
        Path hostKey = dir.resolve("data/ssh/host_key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hostKey)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hostKey.getParent())));
        shell.close();
        shell = SshShell.start(settings(Optional.empty(), 3), gogo, STILL);
        ssh.exec(shell.port(), "gatehouse", Optional.of(allowed), Optional.empty(), "demo:hello x");
        assertEquals(first, KeyUtils.getFingerPrint(ssh.serverKey()));
    }

    @Test
    void an_interactive_shell_echoes_runs_lines_and_ends_on_exit() throws Exception {
        // "demo:hellx", backspace, "o you", Enter; then exit
        SshLogin.Result r = ssh.shell(shell.port(), "gatehouse", allowed, "demo:hellx\u007fo you\rexit\r");
        assertEquals(0, r.status());
        assertTrue(r.out().contains(GogoChannel.PROMPT + "demo:hellx\b \bo you\r\nhello you\r\n" + GogoChannel.PROMPT), r.out());
        assertFalse(r.out().contains("gogo:"), r.out());
    }

    private Settings settings(Optional<String> hash, int backoffAfter) {
        return new Settings("127.0.0.1", 0, "gatehouse", dir.resolve("etc/ssh/authorized_keys"), hash.map(PasswordHash::parse),
            dir.resolve("data/ssh/host_key"), Duration.ofMinutes(5), backoffAfter, Duration.ofSeconds(300));
    }

    private static KeyPair newKey() throws GeneralSecurityException {
        return KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
    }
}
