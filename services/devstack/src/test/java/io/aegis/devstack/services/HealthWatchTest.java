package io.aegis.devstack.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.aegis.devstack.process.HealthProbe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HealthWatchTest {

    @Test
    void shouldReportHealthyServicesAndNameTheOnesThatDied() throws Exception {
        // given one service answering 200 on /health, and one whose process has exited
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            URI healthy = URI.create("http://localhost:" + server.getAddress().getPort() + "/health");
            URI nobody = URI.create("http://localhost:" + freePort() + "/health");

            // when
            Map<String, String> failed = new HealthWatch(new HealthProbe(), new PrintStream(printed, true))
                    .await(List.of(new HealthWatch.Started("registry", healthy, ProcessHandle.current()),
                            new HealthWatch.Started("router", nobody, dead.toHandle())), Duration.ofSeconds(20));

            // then
            assertEquals(Map.of("router", "exited during start-up"), failed);
            assertTrue(printed.toString().contains("registry     healthy after"), printed.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldGiveUpOnAServiceThatStaysUnhealthyPastTheDeadline() throws Exception {
        URI nobody = URI.create("http://localhost:" + freePort() + "/health");
        Map<String, String> failed = new HealthWatch(new HealthProbe(), new PrintStream(new ByteArrayOutputStream()))
                .await(List.of(new HealthWatch.Started("node-FR", nobody, ProcessHandle.current())), Duration.ofSeconds(1));
        assertEquals(Map.of("node-FR", "not healthy after 1 s"), failed);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
