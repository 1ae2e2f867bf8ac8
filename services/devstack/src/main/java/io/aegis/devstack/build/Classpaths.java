package io.aegis.devstack.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runtime classpaths of the services. Invariant: a running service never reads a file that a
 * later build rewrites: its own classes and every Aegis artifact on its classpath are copied
 * to {@code var/lib/<module>/} at start, so recompiling a module or re-installing a library
 * while the devstack runs cannot break it. Third-party jars are immutable in the local
 * repository and are used in place.
 */
public final class Classpaths {

    private Classpaths() {
    }

    /** The entries of a module's {@code target/aegis-runtime.classpath}, in order. */
    public static List<String> read(Path moduleDir) throws IOException {
        Path file = moduleDir.resolve("target").resolve(ModuleBuild.CLASSPATH_FILE);
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? List.of() : List.of(text.split(java.io.File.pathSeparator));
    }

    /** True for entries that may change under a running service: Aegis jars and build output directories. */
    public static boolean isMutable(String entry) {
        String normalized = entry.replace('\\', '/');
        return normalized.contains("/io/aegis/") || Files.isDirectory(Path.of(entry));
    }

    /**
     * Copies the module's classes and mutable entries under {@code libDir} (replacing an older
     * copy) and returns the classpath to run the module with.
     */
    public static String snapshot(Path moduleDir, Path libDir) throws IOException {
        deleteTree(libDir);
        Files.createDirectories(libDir);
        List<String> result = new ArrayList<>();
        Path classes = libDir.resolve("classes");
        copyTree(moduleDir.resolve("target").resolve("classes"), classes);
        result.add(classes.toString());
        int index = 0;
        for (String entry : read(moduleDir)) {
            if (!isMutable(entry)) {
                result.add(entry);
                continue;
            }
            Path source = Path.of(entry);
            Path copy = libDir.resolve(index++ + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                copyTree(source, copy);
            } else {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            result.add(copy.toString());
        }
        return String.join(java.io.File.pathSeparator, result);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
