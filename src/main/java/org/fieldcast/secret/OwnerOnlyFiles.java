package org.fieldcast.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold a secret (the master key, the first admin's password, the embed signing key):
 * created readable and writable by the owner only, never replaced.
 */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Writes a new file; fails with FileAlreadyExistsException if there is one. */
    public static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            // Created with the permissions already set, so it is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
