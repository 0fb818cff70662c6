package org.gatehouse.bsserver.storage.jdbc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Owner-only permissions for the files holding the database and the key, where the file system has POSIX permissions. */
final class OwnerOnly {

    private OwnerOnly() {
    }

    /** Creates {@code folder} (and its parents); a folder it creates itself is made rwx------. */
    static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Files.createDirectories(folder);
        PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Makes {@code file} rw------- where the file system allows. */
    static void restrict(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Makes every file of the embedded database {@code database} (e.g. {@code database.mv.db}) rw-------. */
    static void restrictDatabaseFiles(Path database) throws IOException {
        String prefix = database.getFileName() + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(database.getParent(), f -> f.getFileName().toString().startsWith(prefix))) {
            for (Path file : files) {
                restrict(file);
            }
        }
    }
}
