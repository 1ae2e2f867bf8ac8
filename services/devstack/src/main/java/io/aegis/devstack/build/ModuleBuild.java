package io.aegis.devstack.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds what the devstack runs, and only when needed. A module is stale when its classes or
 * its runtime classpath file ({@code target/aegis-runtime.classpath}; renamed from the
 * {@code aegis.classpath} that older launchers wrote with test dependencies, so those are
 * rebuilt) are missing, or when a source file or pom of it or of a shared library (schemas,
 * kafka-support, test-support, policy, escalation-core) is newer than that file. Stale modules are compiled in one Maven
 * run; the shared libraries are built along ({@code -am}) when the local repository lacks them (a
 * fresh clone) or holds them older than their sources, or when a full rebuild is asked for.
 */
public final class ModuleBuild {

    /** Name of the runtime classpath file written into a module's {@code target/}. */
    public static final String CLASSPATH_FILE = "aegis-runtime.classpath";

    /** Libraries the services need from the local repository (test-support: their test scope is resolved too). */
    /** The shared libraries every service builds on: artifact id → module directory. */
    private static final Map<String, String> UPSTREAM = Map.of("aegis-schemas", "schemas",
            "aegis-kafka-support", "services/kafka-support", "aegis-test-support", "services/test-support",
            "aegis-policy", "services/policy", "aegis-escalation-core", "services/escalation-core");

    private final Path root;
    private final Path localRepository;

    public ModuleBuild(Path root, Path localRepository) {
        this.root = root;
        this.localRepository = localRepository;
    }

    /** The local Maven repository: {@code maven.repo.local} if set, else {@code ~/.m2/repository}. */
    public static Path defaultLocalRepository() {
        String override = System.getProperty("maven.repo.local");
        return override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** True when {@code module} (relative to the root) must be compiled before it can run. */
    public boolean isStale(String module) {
        Path dir = root.resolve(module);
        Path marker = dir.resolve("target").resolve(CLASSPATH_FILE);
        if (!Files.exists(marker) || !Files.isDirectory(dir.resolve("target").resolve("classes"))) {
            return true;
        }
        try {
            FileTime built = Files.getLastModifiedTime(marker);
            if (changedSince(module, built)) {
                return true;
            }
            // a service is built against the shared libraries too: a change there makes it stale as well
            for (String upstream : UPSTREAM.values()) {
                if (changedSince(upstream, built)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * True when an upstream library must be built along ({@code -am}) rather than taken from the
     * local repository: it is not installed there, or its sources changed since it was installed
     * (Maven would otherwise resolve the old jar).
     */
    public boolean upstreamMissing() {
        for (Map.Entry<String, String> upstream : UPSTREAM.entrySet()) {
            String artifact = upstream.getKey();
            Path jar = localRepository.resolve("io/aegis").resolve(artifact).resolve("0.1.0-SNAPSHOT")
                    .resolve(artifact + "-0.1.0-SNAPSHOT.jar");
            try {
                if (!Files.exists(jar) || changedSince(upstream.getValue(), Files.getLastModifiedTime(jar))) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** True when the module's pom or main sources were modified after {@code reference}. */
    private boolean changedSince(String module, FileTime reference) throws IOException {
        Path dir = root.resolve(module);
        return newerThan(dir.resolve("pom.xml"), reference) || newerThan(dir.resolve("src").resolve("main"), reference);
    }

    /** The Maven command that compiles {@code modules} and writes their classpath files. */
    public List<String> command(List<String> modules, boolean alsoMake) {
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-q", "-B", "-DskipTests",
                "compile", "dependency:build-classpath", "-Dmdep.outputFile=target/" + CLASSPATH_FILE,
                // the dependency plugin reads includeScope (not mdep.includeScope): without it the classpath
                // would carry test dependencies, such as the router the node's tests run against
                "-DincludeScope=runtime", "--fail-at-end", "-pl", String.join(",", modules)));
        if (alsoMake) {
            command.add("-am");
        }
        return command;
    }

    /**
     * Compiles the stale ones among {@code modules} (all of them when {@code force}), Maven's
     * output on this terminal, going on past a module that fails. Returns the modules that are
     * still not runnable afterwards (their build failed).
     */
    public List<String> buildIfNeeded(List<String> modules, boolean force) throws IOException, InterruptedException {
        List<String> stale = force ? modules : modules.stream().filter(this::isStale).toList();
        if (stale.isEmpty()) {
            return List.of();
        }
        // Removed first: Maven leaves an unchanged classpath file untouched, and a fresh one marks a module built.
        for (String module : stale) {
            Files.deleteIfExists(root.resolve(module).resolve("target").resolve(CLASSPATH_FILE));
        }
        List<String> command = command(stale, force || upstreamMissing());
        Process process = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
        process.waitFor();
        // Only a missing classpath file means a failed build: a source edited during the build does not.
        return stale.stream().filter(m -> !Files.exists(root.resolve(m).resolve("target").resolve(CLASSPATH_FILE)))
                .toList();
    }

    private static boolean newerThan(Path path, FileTime reference) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> modifiedAfter(file, reference));
        }
    }

    private static boolean modifiedAfter(Path file, FileTime reference) {
        try {
            return Files.getLastModifiedTime(file).compareTo(reference) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
