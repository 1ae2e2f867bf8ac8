package io.aegis.replay.cli;

import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.replay.AegisCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage errors are caught before anything connects, with exit code 2 and the option named. */
class AegisCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldPrintUsageWithoutSubcommand() {
        assertEquals(2, run());
        assertTrue(error().contains("Usage: aegis-ops"), error());
        assertTrue(error().contains("timeline") && error().contains("verify") && error().contains("export"), error());
    }

    @Test
    void shouldRefuseMissingConnectionSettings() {
        assertEquals(2, run("verify", "--from", "-PT1H", "--to", "now"));
        assertTrue(error().contains("kafka.bootstrap.servers: not set"), error());
    }

    @Test
    void shouldNameMalformedTimeOption() {
        assertEquals(2, run("--bootstrap-servers", "localhost:1", "--registry-url", "http://r",
                "timeline", "--from", "last tuesday", "--to", "now"));
        assertTrue(error().contains("--from: 'last tuesday' is not an ISO-8601 instant"), error());
    }

    @Test
    void shouldNameUnknownCategory() {
        assertEquals(2, run("--bootstrap-servers", "localhost:1", "--registry-url", "http://r",
                "timeline", "--from", "-PT1H", "--to", "now", "--category", "ROBOTS"));
        assertTrue(error().contains("--category: 'ROBOTS' is not one of"), error());
    }

    @Test
    void shouldRejectMissingRequiredOption() {
        // on the live cluster a range is required (with --archive it defaults to the archives' span)
        assertEquals(2, run("verify", "--from", "-PT1H"));
        assertTrue(error().contains("--from and --to are required when verifying the live cluster"), error());
    }

    private int run(String... args) {
        return new AegisCli(config -> new InMemorySchemaRegistryClient(), Map.of(), dir, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
