package org.gatehouse.shell.ssh.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The server's settings with paths resolved: relative key files against the distribution's etc/
 * (authorized keys) and data/ (host key).
 */
record Settings(String host, int port, String user, Path authorizedKeys, Optional<PasswordHash> password, Path hostKey,
    Duration idleTimeout, int backoffAfter, Duration backoffMax) {

    Settings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port (0-65535)");
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is empty");
        }
        if (backoffAfter < 1 || backoffMax.toSeconds() < 1 || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("backoffAfter and backoffMaxSeconds must be at least 1, idleTimeout not negative");
        }
    }

    static Settings of(SshShellComponent.Config c, Path etc, Path data) {
        Optional<PasswordHash> password = c.passwordHash().isBlank() ? Optional.empty() : Optional.of(PasswordHash.parse(c.passwordHash()));
        return new Settings(c.host(), c.port(), c.user().trim(), etc.resolve(c.authorizedKeysFile()), password,
            data.resolve(c.hostKeyFile()), Duration.ofSeconds(c.idleTimeout()), c.backoffAfter(), Duration.ofSeconds(c.backoffMaxSeconds()));
    }
}
