package io.aegis.replay.messaging;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalProgressTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final TerminalProgress progress = new TerminalProgress(new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void shouldRedrawOneLineAtMostOncePerPercent() {
        progress.start("aegis.routing.audit", 1000);
        for (int i = 0; i < 1000; i++) {
            progress.advance(1);
        }
        progress.finish();

        String output = err.toString(StandardCharsets.UTF_8);
        // 0 %, 1 % … 100 % while advancing, and the final line once more on finish
        assertEquals(102, output.split("\r", -1).length - 1);
        assertTrue(output.endsWith("[##############################] 100% 1000/1000 aegis.routing.audit" + System.lineSeparator()),
                output.substring(output.length() - 80));
    }

    @Test
    void shouldShowEmptyRangeAsComplete() {
        progress.start("aegis.cases", 0);
        progress.finish();

        assertTrue(err.toString(StandardCharsets.UTF_8).contains("100% 0/0 aegis.cases"));
    }
}
