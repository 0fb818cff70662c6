package org.gatehouse.lwm2m.store.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;


/**
 * Durable storage of the tree in one file. A commit writes a new file, fsyncs it, renames it over the
 * old one atomically and fsyncs the folder, so after a crash at any moment the file holds either
 * the previous or the new commit, never a mix. The file holds keys: owner-only permissions.
 */
final class StoreFile {

    static final String NAME = "objects.bin";
    static final String TEMP = "objects.bin.tmp";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;

    StoreFile(Path directory) throws IOException {
        this.directory = directory;
        if (POSIX) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    Path path() {
        return directory.resolve(NAME);
    }

    /** The last committed state, or the empty one when nothing was ever committed. */
    StoreState load() throws IOException {
        Files.deleteIfExists(directory.resolve(TEMP)); // an interrupted commit: never renamed, so never committed
        Path file = path();
        return Files.exists(file) ? TreeCodec.read(Files.readAllBytes(file)) : StoreState.EMPTY;
    }

    void save(StoreState state) throws IOException {
        byte[] bytes = TreeCodec.write(state);
        Path temp = directory.resolve(TEMP);
        Files.deleteIfExists(temp);
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }

    private void syncDirectory() throws IOException {
        if (!POSIX) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
    }
}
