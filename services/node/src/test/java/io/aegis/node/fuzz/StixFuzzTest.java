package io.aegis.node.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.stix.StixImport;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fuzzer's STIX documents are what they claim to be: an invalid one yields no signal from the STIX
 * mapping but one refused whole for a failure of its own objects (so no fuzzed POST may publish one: the
 * fuzz test's "nothing produced" rests on it), a valid one yields its two. The node's own field rules come on top; the fuzz set-up posts a valid one for real.
 */
class StixFuzzTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** RFC 8259 as the node reads bodies: no duplicate keys, nothing after the value. */
    static final ObjectMapper STRICT = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @Test
    void shouldNeverGenerateAnInvalidDocumentThatYieldsASignal() throws Exception {
        StixFuzz stix = new StixFuzz(new Values(new Random(42)));
        net.jqwik.api.sessions.JqwikSession.start();
        try {
            for (int i = 0; i < 3000; i++) {
                boolean bundle = i % 2 == 0;
                StixFuzz.Document document = stix.invalid(bundle);
                JsonNode parsed;
                try {
                    parsed = STRICT.readTree(document.body());
                } catch (Exception malformed) {
                    assertFalse(document.wellFormed(), document.label());
                    continue;
                }
                StixImport.Result result = StixImport.read(parsed);
                for (StixImport.Imported signal : result.signals()) {
                    // a report whose indicator is broken may come out of the mapping, with the indicator's failure:
                    // the intake must refuse it whole (StixIntake's invariant), so the fuzz test sends it
                    Set<String> own = new HashSet<>(Set.of(signal.objectId()));
                    parsed.path("objects").forEach(o -> {
                        if (signal.objectId().equals(o.path("id").asText())) {
                            o.path("object_refs").forEach(r -> own.add(r.asText()));
                        }
                    });
                    assertTrue(result.failures().stream().anyMatch(f -> own.contains(f.objectId())),
                            document.label() + ": a signal without a failure of its own: " + parsed);
                }
                assertEquals(document.wellFormed(), parsed != null && parsed.isObject() && parsed.path("objects").isArray(),
                        document.label() + ": " + parsed);
            }
        } finally {
            net.jqwik.api.sessions.JqwikSession.finish();
        }
    }

    @Test
    void shouldGenerateValidDocumentsOfTwoSignals() throws Exception {
        StixFuzz stix = new StixFuzz(new Values(new Random(7)));
        for (boolean bundle : new boolean[]{true, false}) {
            StixImport.Result result = StixImport.read(JSON.readTree(stix.valid(bundle)));
            assertEquals(2, result.signals().size(), result.failures().toString());
            assertTrue(result.failures().isEmpty(), result.failures().toString());
        }
    }
}
