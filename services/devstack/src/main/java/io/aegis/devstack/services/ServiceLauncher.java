package io.aegis.devstack.services;

import io.aegis.devstack.build.Classpaths;
import io.aegis.devstack.config.Layout;
import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.process.ProcessSupervisor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts service processes: {@code java -cp <snapshot classpath> <main>} with a modest heap
 * and a fast-starting JIT, its configuration file, and the supervisor's marker. Invariant: a
 * module's classpath is snapshotted once per launcher run into its own directory
 * ({@code var/lib/<run>/<module>}), so every node of a run shares the same code and a later
 * run never touches the files of services still running from an earlier one.
 */
public final class ServiceLauncher {

    private final StackSettings settings;
    private final Layout layout;
    private final ProcessSupervisor supervisor;
    private final Map<String, String> classpaths = new HashMap<>();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    public ServiceLauncher(StackSettings settings, Layout layout, ProcessSupervisor supervisor) {
        this.settings = settings;
        this.layout = layout;
        this.supervisor = supervisor;
    }

    /** Writes the service's configuration and starts it. */
    public ProcessHandle start(ServiceSpec spec) throws IOException {
        Path config = ConfigFiles.write(layout.configDir().resolve(spec.name() + ".yml"), spec.config());
        List<String> command = command(spec, config, classpath(spec.module()));
        return supervisor.start(spec.name(), command, settings.root(), Map.of());
    }

    /** The JVM command line of a service. */
    public List<String> command(ServiceSpec spec, Path config, String classpath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms64m", "-Xmx" + settings.heap(), "-XX:+UseSerialGC",
                "-Xss512k", "-Xshare:auto", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(io.aegis.devstack.process.JitMode.flags());
        command.add(ProcessSupervisor.markerFlag(spec.name()));
        command.add("-Dmicronaut.config.files=" + config);
        command.add("-Dmicronaut.server.port=" + spec.port());
        command.addAll(List.of("-cp", classpath, spec.mainClass()));
        return command;
    }

    /** Snapshots the module's classpath now (see {@link io.aegis.devstack.build.Classpaths}). */
    public void prepare(String module) throws IOException {
        classpath(module);
    }

    private String classpath(String module) throws IOException {
        String known = classpaths.get(module);
        if (known == null) {
            Path lib = layout.libDir().resolve(runId).resolve(Path.of(module).getFileName().toString());
            known = Classpaths.snapshot(settings.root().resolve(module), lib);
            classpaths.put(module, known);
        }
        return known;
    }
}
