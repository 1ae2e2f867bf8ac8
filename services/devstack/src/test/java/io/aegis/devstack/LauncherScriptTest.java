package io.aegis.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher scripts' own checks ({@code ./aegis}, {@code ./aegis-ops}), before any Java runs. */
@Timeout(30)
class LauncherScriptTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path bin;

    @ParameterizedTest
    @ValueSource(strings = {"aegis", "aegis-ops"})
    void shouldSayClearlyThatJavaIsMissing(String script) throws Exception {
        // given a PATH with the shell tools the script uses but no java, and no JAVA_HOME
        linkShellTools();

        // when
        Run run = run(script);

        // then
        assertEquals(script + ": Java 17 or newer is required, but no java was found (install a JDK 17+, or set JAVA_HOME)\n",
                run.output());
        assertEquals(1, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aegis", "aegis-ops"})
    void shouldRefuseJavaOlderThan17(String script) throws Exception {
        // given only a Java 11 on the PATH: it would fail later with an obscure class-version error
        linkShellTools();
        Path java = Files.writeString(bin.resolve("java"),
                "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        // when
        Run run = run(script);

        // then
        assertEquals(script + ": Java 17 or newer is required, found version '11' at " + java + "\n", run.output());
        assertEquals(1, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aegis", "aegis-ops"})
    void shouldBeValidBash(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/bash", "-n", ROOT.resolve(script).toString()).redirectErrorStream(true).start();
        process.waitFor(10, TimeUnit.SECONDS);
        assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, process.exitValue());
    }

    private record Run(int exitCode, String output) {
    }

    private void linkShellTools() throws IOException {
        for (String tool : List.of("dirname", "sed", "find", "cat", "readlink", "rm")) {
            Path target = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream().filter(Files::exists)
                    .findFirst().orElseThrow();
            Files.createSymbolicLink(bin.resolve(tool), target);
        }
    }

    /** Runs the script with only {@code bin} on the PATH and no JAVA_HOME; {@code status} / {@code --version} start nothing. */
    private Run run(String script) throws IOException, InterruptedException {
        String argument = script.equals("aegis") ? "status" : "--version";
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", ROOT.resolve(script).toString(), argument)
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("HOME", System.getProperty("user.home"));
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish within 20 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
