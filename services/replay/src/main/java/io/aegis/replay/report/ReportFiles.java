package io.aegis.replay.report;

import io.aegis.replay.ReplayException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a report's renderings next to each other: {@code <name>.html}, {@code <name>.json}, {@code <name>.md}. */
public final class ReportFiles {

    private ReportFiles() {
    }

    /** Writes each rendering (extension → content) into {@code directory}; returns the files written. */
    public static List<Path> write(Path directory, String name, Map<String, String> renderings) {
        try {
            Files.createDirectories(directory);
            List<Path> written = new ArrayList<>();
            for (Map.Entry<String, String> rendering : renderings.entrySet()) {
                Path file = directory.resolve(name + "." + rendering.getKey());
                Files.writeString(file, rendering.getValue(), StandardCharsets.UTF_8);
                written.add(file);
            }
            return written;
        } catch (IOException e) {
            throw new ReplayException(ReplayException.FAILURE, "--out: cannot write report into " + directory
                    + ": " + e.getMessage(), e);
        }
    }
}
