package io.aegis.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevStackTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DevStack.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void shouldPrintUsageAndFailWithoutACommand() {
        assertEquals(2, run());
        assertTrue(err.toString().startsWith("usage: ./aegis <command>"), err.toString());
    }

    @Test
    void shouldPrintUsageOnHelp() {
        assertEquals(0, run("help"));
        assertTrue(out.toString().contains("up [--rebuild]"), out.toString());
    }

    @Test
    void shouldRejectAnUnknownCommand() {
        assertEquals(2, run("start"));
        assertTrue(err.toString().startsWith("aegis: unknown command 'start'"), err.toString());
    }

    @Test
    void shouldRejectAnUnknownOptionNamingTheAllowedOnes() {
        assertEquals(1, run("up", "--fast"));
        assertEquals("aegis: unknown option '--fast'; allowed: [--rebuild, --brokers]\n", err.toString());
    }

    @Test
    void shouldReadTheBrokerCountOfUp() {
        assertEquals(3, DevStack.brokersOption(java.util.List.of("--rebuild", "--brokers", "3")));
        assertEquals(null, DevStack.brokersOption(java.util.List.of("--rebuild")));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DevStack.brokersOption(java.util.List.of("--brokers")));
        assertEquals("--brokers needs a count, one of [1, 3]", e.getMessage());
    }

    @Test
    void shouldRefuseABrokerCommandWithoutANumber() {
        assertEquals(1, run("broker", "stop"));
        assertEquals("aegis: usage: ./aegis broker stop|start N (N from 1 to the stack's broker count)\n", err.toString());
    }
}
