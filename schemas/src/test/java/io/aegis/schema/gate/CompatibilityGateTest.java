package io.aegis.schema.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.signal.ThreatSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityGateTest {

    /** The gate the build relies on: the working tree's contracts against schemas/released. */
    @Test
    void shouldFindEveryCurrentContractBackwardCompatibleWithItsReleasedSchema() {
        List<CompatibilityGate.Violation> violations =
                CompatibilityGate.check(Path.of("released"), CompatibilityGate.CONTRACTS);
        assertEquals(List.of(), violations, "contracts broke BACKWARD compatibility with schemas/released");
    }

    @Test
    void shouldRefuseAFieldAddedWithoutDefault() {
        Schema released = ThreatSignal.getClassSchema();
        Schema broken = withExtraField(released, "{\"name\":\"region\",\"type\":\"string\"}");

        List<CompatibilityGate.Violation> violations = CompatibilityGate.checkBackward(released, broken);

        assertFalse(violations.isEmpty());
        assertTrue(violations.get(0).message().contains("region"), violations.toString());
    }

    @Test
    void shouldAcceptAFieldAddedWithDefault() {
        Schema released = ThreatSignal.getClassSchema();
        Schema evolved = withExtraField(released, "{\"name\":\"region\",\"type\":\"string\",\"default\":\"\"}");

        assertEquals(List.of(), CompatibilityGate.checkBackward(released, evolved));
    }

    @Test
    void shouldRefuseAChangedFieldType() {
        Schema released = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"severity\",\"type\":\"string\"}]}");
        Schema current = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"severity\",\"type\":\"int\"}]}");

        List<CompatibilityGate.Violation> violations = CompatibilityGate.checkBackward(released, current);

        assertFalse(violations.isEmpty());
        assertTrue(violations.get(0).toString().contains("TYPE_MISMATCH"), violations.toString());
    }

    @Test
    void shouldRefuseARemovedEnumSymbolWithoutDefault() {
        Schema released = new Schema.Parser().parse(
                "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}");
        Schema current = new Schema.Parser().parse(
                "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}");

        assertFalse(CompatibilityGate.checkBackward(released, current).isEmpty());
    }

    @Test
    void shouldReportAContractThatWasNeverReleased(@TempDir Path dir) {
        List<CompatibilityGate.Violation> violations =
                CompatibilityGate.check(dir, List.of(ThreatSignal.getClassSchema()));

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).message().contains("no released schema"));
    }

    @Test
    void shouldFailTheGateWhenAReleasedSchemaIsNoLongerReadable(@TempDir Path dir) throws Exception {
        // given a release of a contract that had a field the current contract cannot fill
        Schema current = ThreatSignal.getClassSchema();
        CompatibilityGate.release(dir, List.of(current));
        Schema future = withExtraField(current, "{\"name\":\"mandatory\",\"type\":\"long\"}");

        // when the gate checks a current contract that dropped nothing but added a required field
        List<CompatibilityGate.Violation> violations = CompatibilityGate.check(dir, List.of(future));

        // then the build would fail, naming the contract
        assertEquals(1, violations.size());
        assertEquals("io.aegis.schema.signal.ThreatSignal", violations.get(0).contract());
        assertTrue(Files.exists(dir.resolve("io.aegis.schema.signal.ThreatSignal.avsc")));
    }

    private static Schema withExtraField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int end = json.lastIndexOf(']');
        String patched = json.substring(0, end) + "," + fieldJson + json.substring(end);
        return new Schema.Parser().parse(patched);
    }
}
