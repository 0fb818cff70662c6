package org.gatehouse.shell.ssh.impl;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every SSH login: one user name, keys from an authorized_keys file, optionally a password hash;
 * each refusal logged with who and from where (never the password) and counted per source address.
 * An address in back-off is refused whatever it offers.
 */
final class LoginGuard implements PublickeyAuthenticator, PasswordAuthenticator, SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(LoginGuard.class);

    private final String user;
    private final AuthorizedKeys keys;
    private final Optional<PasswordHash> password;
    private final FailureBackoff backoff;

    LoginGuard(String user, AuthorizedKeys keys, Optional<PasswordHash> password, FailureBackoff backoff) {
        this.user = user;
        this.keys = keys;
        this.password = password;
        this.backoff = backoff;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        return decide(username, session, () -> keys.contains(key),
            "public key " + KeyUtils.getFingerPrint(key) + " is not in " + keys.file());
    }

    @Override
    public boolean authenticate(String username, String offered, ServerSession session) {
        char[] chars = offered.toCharArray();
        try {
            return decide(username, session, () -> password.map(p -> p.matches(chars)).orElse(false), "wrong password");
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Called by SSHD for every session: a completed login is logged once here and clears the back-off. */
    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            backoff.succeeded(host(session.getRemoteAddress()));
            LOG.info("SSH login: user '{}' from {}", printable(session.getUsername()), session.getRemoteAddress());
        }
    }

    @Override
    public void sessionClosed(Session session) {
        if (session.isAuthenticated()) {
            LOG.info("SSH session closed: user '{}' from {}", printable(session.getUsername()), session.getRemoteAddress());
        }
    }

    private boolean decide(String username, ServerSession session, java.util.function.BooleanSupplier check, String why) {
        String source = host(session.getRemoteAddress());
        Duration blocked = backoff.blockedFor(source);
        if (!blocked.isZero()) {
            // not counted again: the refusal does not grow while it lasts
            LOG.warn("SSH login refused: user '{}' from {}: too many failed attempts, refused for {} ms more", printable(username),
                session.getRemoteAddress(), blocked.toMillis());
            return false;
        }
        if (!user.equals(username)) {
            return refuse(username, session, source, "unknown user");
        }
        return check.getAsBoolean() || refuse(username, session, source, why);
    }

    private boolean refuse(String username, ServerSession session, String source, String why) {
        Duration block = backoff.failed(source);
        LOG.warn("SSH login refused: user '{}' from {}: {}", printable(username), session.getRemoteAddress(), why);
        if (!block.isZero()) {
            LOG.warn("SSH logins from {} refused for {} s after {} failed attempts", source, block.toSeconds(), backoff.failures(source));
        }
        return false;
    }

    /** The host part of an address: the back-off key, so that a new source port is the same source. */
    static String host(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    /** A user name as sent by the client, made safe for a log line (no control characters, bounded length). */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        String clean = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }
}
