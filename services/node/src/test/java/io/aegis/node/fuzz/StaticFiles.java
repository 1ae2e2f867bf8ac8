package io.aegis.node.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The console's static files ({@code src/main/resources/public}, served under {@code /console/}), by relative path. */
public final class StaticFiles {

    private StaticFiles() {
    }

    public static Map<String, byte[]> console() {
        try {
            Path root = Path.of(StaticFiles.class.getClassLoader().getResource("public").toURI());
            Map<String, byte[]> files = new TreeMap<>();
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path file : paths.filter(Files::isRegularFile).toList()) {
                    files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
