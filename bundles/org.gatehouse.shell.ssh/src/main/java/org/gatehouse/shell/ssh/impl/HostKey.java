package org.gatehouse.shell.ssh.impl;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's host key: generated (EC P-256) on first start into a file readable by the owner only,
 * in a folder only the owner can enter, and read from there on every later start, so clients see the
 * same host key across restarts.
 */
final class HostKey {

    private static final Logger LOG = LoggerFactory.getLogger(HostKey.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private HostKey() {
    }

    static KeyPairProvider load(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (POSIX) {
                // created for the key: nobody else needs to look inside, not even while the key is being written
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        boolean existed = Files.exists(file);
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        provider.setAlgorithm(KeyUtils.EC_ALGORITHM);
        provider.setKeySize(256);
        provider.setOverwriteAllowed(false); // an unreadable key is an error to fix, not a reason to change identity
        List<KeyPair> keys = provider.loadKeys(null);
        if (keys.isEmpty()) {
            throw new IOException("no host key could be read from or written to " + file);
        }
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        String fingerprint = KeyUtils.getFingerPrint(keys.get(0).getPublic());
        if (existed) {
            LOG.info("SSH host key {} from {}", fingerprint, file);
        } else {
            LOG.info("SSH host key {} generated into {}", fingerprint, file);
        }
        return provider;
    }
}
