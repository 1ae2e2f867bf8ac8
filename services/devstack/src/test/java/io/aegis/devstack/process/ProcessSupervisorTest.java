package io.aegis.devstack.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ProcessSupervisorTest {

    @TempDir
    Path var;

    private ProcessSupervisor supervisor() {
        return new ProcessSupervisor(var.resolve("run"), var.resolve("log"));
    }

    // bash -c takes the marker as $0, so the command line carries it like a JVM's -D flag would; the trailing
    // echo keeps bash from exec-ing sleep (which would drop the marker)
    private static List<String> sleeper(String name) {
        return List.of("bash", "-c", "echo started; sleep 60; echo finished", ProcessSupervisor.markerFlag(name));
    }

    @Test
    void shouldStartStopAndForgetAComponent() throws Exception {
        // given
        ProcessSupervisor supervisor = supervisor();
        ProcessHandle process = supervisor.start("router", sleeper("router"), var, Map.of());

        // then it is known, running and logging
        assertEquals(List.of("router"), supervisor.known());
        assertEquals(process.pid(), supervisor.running("router").orElseThrow().pid());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> supervisor.tail("router", 5).contains("started"));

        // when
        boolean stopped = supervisor.stop("router", Duration.ofSeconds(10));

        // then
        assertTrue(stopped);
        assertFalse(process.isAlive());
        assertTrue(supervisor.running("router").isEmpty());
        assertEquals(List.of(), supervisor.known());
        assertFalse(supervisor.stop("router", Duration.ofSeconds(1)));
    }

    @Test
    void shouldNotTrustAPidFileWhoseProcessIsSomeoneElse() throws IOException {
        // given a pid file pointing at a live process without the marker (a recycled pid): this JVM
        Files.createDirectories(var.resolve("run"));
        Files.writeString(var.resolve("run/registry.pid"), Long.toString(ProcessHandle.current().pid()));

        // then it is not taken for the registry, and down would not signal it
        assertTrue(supervisor().running("registry").isEmpty());
    }

    @Test
    void shouldRefuseACommandWithoutTheComponentMarker() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> supervisor().start("node-FR", List.of("sleep", "60"), var, Map.of()));
        assertEquals("command for node-FR must carry -Daegis.devstack.component=node-FR", e.getMessage());
    }
}
