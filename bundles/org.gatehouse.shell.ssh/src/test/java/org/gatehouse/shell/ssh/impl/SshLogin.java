package org.gatehouse.shell.ssh.impl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/** An SSHD client logging in with one key or one password, as a user's ssh would. */
final class SshLogin implements AutoCloseable {

    record Result(int status, String out, String err) {
    }

    private final SshClient client = SshClient.setUpDefaultClient();
    private final AtomicReference<PublicKey> serverKey = new AtomicReference<>();
    private static final Duration T = Duration.ofSeconds(20);

    SshLogin() {
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER); // nothing from ~/.ssh
        client.setServerKeyVerifier((session, address, key) -> {
            serverKey.set(key);
            return true;
        });
        client.start();
    }

    /** The host key the server showed at the last connection. */
    PublicKey serverKey() {
        return serverKey.get();
    }

    /** Logs in (key or password) and runs one command; an IOException (SshException) if the login is refused. */
    Result exec(int port, String user, Optional<KeyPair> key, Optional<String> password, String command) throws IOException {
        try (ClientSession session = login(port, user, key, password)) {
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

    /** Logs in with a key, opens a shell with a terminal, types {@code keys}, returns what the terminal showed. */
    Result shell(int port, String user, KeyPair key, String keys) throws IOException {
        try (ClientSession session = login(port, user, Optional.of(key), Optional.empty())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ChannelShell channel = session.createShellChannel()) {
                channel.setIn(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)));
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(T);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), T);
                Integer status = channel.getExitStatus();
                return new Result(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8), "");
            }
        }
    }

    private ClientSession login(int port, String user, Optional<KeyPair> key, Optional<String> password) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port).verify(T).getSession();
        try {
            key.ifPresent(session::addPublicKeyIdentity);
            password.ifPresent(session::addPasswordIdentity);
            session.auth().verify(T);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        client.stop();
    }
}
