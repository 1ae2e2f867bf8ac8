package io.aegis.node.fuzz;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictsTest {

    static FuzzRequest read(String target, List<String> defects, Set<Integer> exact) {
        return new FuzzRequest("GET " + target, "t", "GET", target, List.of(), null, FuzzRequest.Transport.CLIENT, defects, exact,
                null, false);
    }

    static Sender.Reply reply(int status, String body) {
        return new Sender.Reply(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAcceptAHealthProbesDownAnswer() {
        assertEquals(Optional.empty(), Verdicts.judge(read("/health/readiness", List.of(), Set.of(200)), reply(503, "{\"status\":\"DOWN\"}")));
        assertEquals(Optional.empty(), Verdicts.judge(read("/health?x=1", List.of(), Set.of(200)), reply(503, "{\"status\":\"DOWN\"}")));
    }

    @Test
    void shouldRefuseA503ThatIsNotAHealthReport() {
        assertTrue(Verdicts.judge(read("/health", List.of(), Set.of(200)), reply(503, "{\"error\":\"x\"}")).isPresent());
        assertTrue(Verdicts.judge(read("/health", List.of(), Set.of(200)), reply(503, "<html>")).isPresent());
        assertTrue(Verdicts.judge(read("/api/v1/inbox", List.of(), Set.of(200)), reply(503, "{\"status\":\"DOWN\"}")).isPresent());
        // an invalid probe (a selector that is none) is due a 400, not a health report
        assertTrue(Verdicts.judge(read("/health/nope", List.of("selector"), Set.of(400)), reply(503, "{\"status\":\"DOWN\"}")).isPresent());
    }
}
