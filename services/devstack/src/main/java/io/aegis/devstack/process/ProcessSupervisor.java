package io.aegis.devstack.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Starts each devstack component as its own operating-system process, detached from the
 * terminal, with its output in {@code var/log/<name>.log} and its pid in {@code var/run/<name>.pid}.
 * Invariants: a pid file is only trusted while its process is alive and carries this
 * component's marker ({@code -Daegis.devstack.component=<name>}), so a recycled pid is never
 * signalled; stopping sends SIGTERM first and kills only after the grace period.
 */
public final class ProcessSupervisor {

    /** System property set on every component JVM; identifies it across launcher runs. */
    public static final String MARKER = "aegis.devstack.component";

    private final Path runDir;
    private final Path logDir;

    public ProcessSupervisor(Path runDir, Path logDir) {
        this.runDir = runDir;
        this.logDir = logDir;
    }

    /** The JVM flag that marks a component's process. */
    public static String markerFlag(String name) {
        return "-D" + MARKER + "=" + name;
    }

    public Path logFile(String name) {
        return logDir.resolve(name + ".log");
    }

    /**
     * Starts {@code command} (which must contain {@link #markerFlag(String)}) in {@code workDir},
     * appending its output to the component's log.
     */
    public ProcessHandle start(String name, List<String> command, Path workDir, Map<String, String> env)
            throws IOException {
        if (!command.contains(markerFlag(name))) {
            throw new IllegalArgumentException("command for " + name + " must carry " + markerFlag(name));
        }
        Files.createDirectories(runDir);
        Files.createDirectories(logDir);
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            full.add("/usr/bin/setsid");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        Files.writeString(runDir.resolve(name + ".pid"), Long.toString(process.pid()), StandardCharsets.UTF_8);
        return process.toHandle();
    }

    /** The live process of a component, if its pid file points at one that is still this component. */
    public Optional<ProcessHandle> running(String name) {
        Path pidFile = runDir.resolve(name + ".pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> isComponent(handle, name));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Names of every component with a pid file, alive or not. */
    public List<String> known() throws IOException {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    /**
     * Stops a component: SIGTERM, up to {@code grace} for it to exit, then SIGKILL. Removes its
     * pid file. Returns true if a live process was stopped.
     */
    public boolean stop(String name, Duration grace) throws IOException {
        Optional<ProcessHandle> handle = running(name);
        Files.deleteIfExists(runDir.resolve(name + ".pid"));
        if (handle.isEmpty()) {
            return false;
        }
        ProcessHandle process = handle.get();
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            process.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for " + name + " to stop failed", e.getCause());
        }
        return true;
    }

    /**
     * Kills a component at once (SIGKILL: no shutdown hook, no clean close), as a crash would, and
     * waits until it is gone. Removes its pid file. Returns true if a live process was killed.
     */
    public boolean kill(String name) throws IOException {
        Optional<ProcessHandle> handle = running(name);
        Files.deleteIfExists(runDir.resolve(name + ".pid"));
        handle.ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
        return handle.isPresent();
    }

    /** The last {@code lines} lines of a component's log (empty when there is none). */
    public String tail(String name, int lines) {
        Path log = logFile(name);
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static boolean isComponent(ProcessHandle handle, String name) {
        Optional<String[]> arguments = handle.info().arguments();
        if (arguments.isEmpty()) {
            // Without a readable command line (other user, restricted /proc) the pid file is all we have.
            return true;
        }
        return List.of(arguments.get()).contains(markerFlag(name));
    }
}
