package io.aegis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.schema.routing.SharingPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Guard for "a policy the node accepts is a policy the router accepts": the node validates the
 * parsed document before it is written, the router validates the Avro record it reads from the
 * outbox. One implementation makes them agree by construction; this property keeps it so, over
 * random documents with valid and invalid countries, groups, labels, fields and delays (Norway's NO
 * among them).
 */
class PolicyParityPropertyTest {

    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private final PolicyValidator validator = new PolicyValidator(Members.of(
            java.util.Map.of("FR", "k", "DE", "k", "NO", "k", "JP", "k"), java.util.Map.of("nordic", List.of("NO"))));

    @Property(tries = 300)
    void nodeAndRouterShouldAcceptAndRejectTheSameDocuments(@ForAll("documents") String document) {
        SharingPolicy parsed;
        try {
            parsed = PolicyDocument.parse(document, AT, "admin");
        } catch (PolicyValidationException structural) {
            return; // refused before anything is written: the router never sees it
        }
        List<Violation> atNode = validator.validate(parsed);
        List<Violation> atRouter = validator.validate(roundTrip(parsed));
        assertEquals(atNode, atRouter, document);
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> country = Arbitraries.of("FR", "NO", "XX", "fr");
        Arbitrary<String> target = Arbitraries.of("\"*\"", "DE", "NO", "FR", "ZZ", "\"group:nordic\"", "\"group:own\"", "\"group:Bad_Name\"");
        Arbitrary<String> tlp = Arbitraries.of("GREEN", "AMBER", "AMBER+STRICT", "AMBER_STRICT", "RED", "amber", "PURPLE");
        Arbitrary<String> effect = Arbitraries.of("ALLOW", "DENY", "REDACT", "DELAY");
        Arbitrary<String> extra = Arbitraries.of("", ", fields: [description]", ", fields: [recipients]", ", fields: [\"indicators[type=EMAIL]\"]",
                ", fields: [nope]", ", delay: PT1H", ", delay: P45D", ", delay: soon");
        Arbitrary<String> rule = Combinators.combine(Arbitraries.strings().withCharRange('a', 'e').ofLength(2), effect, target, tlp, extra)
                .as((id, e, to, t, x) -> "  - {id: " + id + ", effect: " + e + ", to: [" + to + "], tlp: [\"" + t + "\"]" + x + "}\n");
        return Combinators.combine(country, rule.list().ofMinSize(0).ofMaxSize(4), Arbitraries.of("COUNT_ONLY", "HASHED", "ALL"))
                .as((cc, rules, level) -> "country: " + cc + "\ngroups:\n  own: [NO, DE]\ncoordination: " + level
                        + "\nrules:\n" + String.join("", rules));
    }

    private static SharingPolicy roundTrip(SharingPolicy policy) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(SharingPolicy.class).write(policy, encoder);
            encoder.flush();
            return new SpecificDatumReader<>(SharingPolicy.class).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
