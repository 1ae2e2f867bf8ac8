package io.aegis.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ./aegis script's own checks, before any Java runs. */
@Timeout(30)
class LauncherScriptTest {

    private static final Path SCRIPT = Path.of("../../aegis").toAbsolutePath().normalize();

    @TempDir
    Path bin;

    @Test
    void shouldSayClearlyThatJavaIsMissing() throws Exception {
        // given a PATH with the shell tools the script uses but no java, and no JAVA_HOME
        for (String tool : List.of("dirname", "sed", "find", "cat", "readlink", "rm")) {
            Path target = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream().filter(Files::exists)
                    .findFirst().orElseThrow();
            Files.createSymbolicLink(bin.resolve(tool), target);
        }
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", SCRIPT.toString(), "status").redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("HOME", System.getProperty("user.home"));

        // when
        Process process = builder.start();
        process.waitFor(20, TimeUnit.SECONDS);

        // then
        assertEquals("aegis: Java 17 or newer is required, but no java was found (install a JDK 17+, or set JAVA_HOME)\n",
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(1, process.exitValue());
    }

    @Test
    void shouldBeValidBash() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/bash", "-n", SCRIPT.toString()).redirectErrorStream(true).start();
        process.waitFor(10, TimeUnit.SECONDS);
        assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, process.exitValue());
    }
}
