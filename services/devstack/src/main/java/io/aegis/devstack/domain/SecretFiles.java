package io.aegis.devstack.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the devstack's files that hold secrets (generated passwords, tokens, signing keys):
 * readable and writable by the owner only from the first byte on, and replaced atomically, so no
 * other user and no reader ever sees them, whole or half written.
 */
public final class SecretFiles {

    private SecretFiles() {
    }

    /** Writes {@code text} to {@code file} owner-only, through a temporary file moved into place. */
    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        ownerOnly(Files.createFile(temp));
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
    }
}
