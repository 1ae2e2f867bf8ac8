package io.aegis.stix;

import io.aegis.schema.common.AffectedSystem;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.SignalContent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.time.Instant;
import java.util.List;

/**
 * Random valid signals: every indicator type with a value of its own shape (and, for the free-text
 * types, quotes and backslashes that the pattern grammar must escape), every TLP, sectors, techniques,
 * systems, recipients and campaigns. Content is lower case, so that upper-case origin names cannot
 * appear in it by chance.
 */
final class SignalArbitraries {

    static final List<String> RECIPIENTS = List.of("FR", "DE", "IT", "ES", "NL", "PL");

    private SignalArbitraries() {
    }

    static Arbitrary<String> text(int min, int max) {
        return Arbitraries.strings().withChars("abcdefghij klmnop'\\\"é-").ofMinLength(min).ofMaxLength(max)
                .filter(s -> !s.isBlank());
    }

    private static Arbitrary<String> hex(int length) {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(length);
    }

    static Arbitrary<Indicator> indicator() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnop0123").ofMinLength(1).ofMaxLength(12);
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        return Arbitraries.of(IndicatorType.values()).flatMap(type -> (switch (type) {
            case DOMAIN -> label.map(l -> l + ".example");
            case URL -> label.map(l -> "https://" + l + ".example/p?q='" + l + "'");
            case IPV4 -> Combinators.combine(octet, octet, octet, octet).as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
            case IPV6 -> hex(4).map(h -> "2001:db8::" + h);
            case SHA256 -> hex(64);
            case MD5 -> hex(32);
            case EMAIL -> label.map(l -> l + "@mail.example");
            default -> text(1, 40);
        }).map(v -> new Indicator(type, v)));
    }

    static Arbitrary<AffectedSystem> system() {
        return Combinators.combine(text(1, 12), text(1, 12), text(1, 6).injectNull(0.3))
                .as(AffectedSystem::new);
    }

    static Arbitrary<String> technique() {
        return Combinators.combine(Arbitraries.integers().between(0, 9999), Arbitraries.integers().between(0, 999)
                .injectNull(0.5)).as((t, s) -> String.format("AML.T%04d", t) + (s == null ? "" : String.format(".%03d", s)));
    }

    static Arbitrary<SignalContent> content() {
        Arbitrary<SignalContent> head = Combinators.combine(Arbitraries.of(Category.values()), text(1, 200),
                text(0, 300).injectNull(0.3), Arbitraries.integers().between(1, 5), Arbitraries.integers().between(0, 100),
                Arbitraries.of(Tlp.values()), Arbitraries.longs().between(1_600_000_000_000L, 1_900_000_000_000L))
                .as((category, title, description, severity, confidence, tlp, observed) -> SignalContent.newBuilder()
                        .setCategory(category).setTitle(title).setDescription(description).setSeverity(severity)
                        .setConfidence(confidence).setTlp(tlp).setObservedAt(Instant.ofEpochMilli(observed)).build());
        return Combinators.combine(head, Arbitraries.of(Sector.values()).set().ofMaxSize(4),
                technique().set().ofMaxSize(3), system().list().uniqueElements().ofMaxSize(3),
                indicator().list().uniqueElements().ofMaxSize(6), Arbitraries.of(RECIPIENTS).set().ofMaxSize(3),
                text(1, 20).injectNull(0.5))
                .as((c, sectors, techniques, systems, indicators, recipients, campaign) -> SignalContent.newBuilder(c)
                        .setSectors(List.copyOf(sectors)).setAtlasTechniques(List.copyOf(techniques))
                        .setAffectedSystems(systems).setIndicators(indicators).setRecipients(List.copyOf(recipients))
                        .setCampaignId(campaign).build());
    }

    /** A signal copy with the given origin names (null for unnamed). */
    static Arbitrary<StixSignal> signal(String country, String agency) {
        return Combinators.combine(Arbitraries.longs().map(l -> new java.util.UUID(l, ~l)), content(),
                Arbitraries.longs().between(1_600_000_000_000L, 1_800_000_000_000L),
                Arbitraries.longs().between(0, 10_000_000_000L), Arbitraries.of(true, false))
                .as((id, content, created, later, revoked) -> new StixSignal(id.toString(), country, agency,
                        Instant.ofEpochMilli(created), Instant.ofEpochMilli(created + later), content, revoked));
    }

    static Arbitrary<StixSignal> anyAttribution() {
        return Arbitraries.oneOf(signal(null, null), signal("FR", null), signal("FR", "ANSSI"));
    }
}
