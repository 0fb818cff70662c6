package org.gatehouse.shell.ssh.impl;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

/**
 * A running SSH server whose sessions are Gogo sessions: login only through {@link LoginGuard}, no
 * port forwarding, no agent, no subsystem (no SFTP); shell and exec channels only.
 */
final class SshShell implements AutoCloseable {

    private static final int MAX_AUTH_REQUESTS_PER_CONNECTION = 10;

    private final SshServer server;
    private final ExecutorService threads;

    private SshShell(SshServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static SshShell start(Settings settings, CommandProcessor processor) throws IOException {
        return start(settings, processor, Clock.systemUTC());
    }

    /** With the back-off's clock given: tests hold time still. */
    static SshShell start(Settings settings, CommandProcessor processor, Clock clock) throws IOException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gatehouse-ssh-session-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(settings.host());
        server.setPort(settings.port());
        server.setKeyPairProvider(HostKey.load(settings.hostKey()));
        LoginGuard guard = new LoginGuard(settings.user(), new AuthorizedKeys(settings.authorizedKeys()), settings.password(),
            new FailureBackoff(settings.backoffAfter(), settings.backoffMax(), clock));
        server.setPublickeyAuthenticator(guard);
        // password login only when a hash is configured; keyboard-interactive, host-based and GSS never
        server.setPasswordAuthenticator(settings.password().isPresent() ? guard : null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.addSessionListener(guard);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setAgentFactory(null);
        server.setShellFactory(channel -> new GogoChannel(processor, threads, null));
        server.setCommandFactory((channel, command) -> new GogoChannel(processor, threads, command));
        CoreModuleProperties.IDLE_TIMEOUT.set(server, settings.idleTimeout());
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, MAX_AUTH_REQUESTS_PER_CONNECTION);
        // SSHD looks up optional factories through the context class loader: let it see its own bundle
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        current.setContextClassLoader(SshServer.class.getClassLoader());
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            threads.shutdownNow();
            throw e;
        } finally {
            current.setContextClassLoader(before);
        }
        return new SshShell(server, threads);
    }

    /** The port listened on (the configured one, or the one picked for port 0). */
    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop(true);
        } finally {
            threads.shutdownNow();
        }
    }
}
