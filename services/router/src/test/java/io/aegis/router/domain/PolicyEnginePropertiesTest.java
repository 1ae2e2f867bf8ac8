package io.aegis.router.domain;

import io.aegis.policy.Members;
import io.aegis.policy.leak.PolicyReading;
import io.aegis.policy.leak.SignalFacts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.PolicyRule;
import io.aegis.schema.routing.RuleEffect;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of the policy engine over random members, groups, policies and signals, checked
 * against an independent oracle written from the policy semantics in docs/policy.md.
 */
class PolicyEnginePropertiesTest {

    private static final List<String> POOL = List.of("AA", "BB", "CC", "DD", "EE", "FF", "GG", "HH", "II", "JJ");
    private static final List<String> REDACTABLE = List.of("title", "description", "indicators", "indicators[type=EMAIL]",
            "indicators[type=DOMAIN]", "campaignId", "affectedSystems", "atlasTechniques", "recipients");
    private static final CoordinationView VIEW = new CoordinationView("property-network-key-0123456789".getBytes(StandardCharsets.UTF_8));

    record Scenario(Members members, String origin, SharingPolicy policy, SignalContent content) {
    }

    @Property(tries = 400)
    void everyDeliveredDestinationIsAllowedByTheRecordedPolicyVersionAndDenyAlwaysWins(@ForAll("scenarios") Scenario s) {
        RoutingPlan plan = PolicyEngine.evaluate(s.origin(), s.content(), s.policy(), s.members(), Fixtures.NOW);

        assertEquals(s.policy().getVersion(), plan.policyVersion());
        assertEquals(s.members().codes().size() - 1, plan.decisions().size());
        for (DestinationDecision d : plan.decisions()) {
            boolean denied = matching(s, d.destination(), RuleEffect.DENY).size() > 0;
            boolean allowed = !matching(s, d.destination(), RuleEffect.ALLOW).isEmpty();
            boolean listedIfStrict = !(s.content().getTlp() == Tlp.AMBER_STRICT || s.content().getTlp() == Tlp.RED)
                    || s.content().getRecipients().contains(d.destination());
            assertEquals(!denied && allowed && listedIfStrict, d.outcome().delivers(), () -> d + " for " + s);
        }
    }

    @Property(tries = 400)
    void theLeakCheckersOwnReadingAgreesWithTheEngineOnEveryDestination(@ForAll("scenarios") Scenario s) {
        // two independent readings of one policy: if they ever disagree, either the router leaks or
        // the leak checker would cry wolf (or, worse, stay silent) over the router's real output
        RoutingPlan plan = PolicyEngine.evaluate(s.origin(), s.content(), s.policy(), s.members(), Fixtures.NOW);
        SignalFacts facts = new SignalFacts(s.origin(), s.content().getTlp(), s.content().getRecipients(),
                s.content().getCategory(), s.content().getSectors(), s.content().getSeverity(), s.content());

        for (DestinationDecision d : plan.decisions()) {
            PolicyReading.Verdict verdict = PolicyReading.read(s.policy(), s.members(), facts, d.destination());
            assertEquals(d.outcome().delivers(), verdict.allowed(), () -> d + " vs " + verdict + " for " + s);
            if (verdict.allowed()) {
                assertEquals(Set.copyOf(d.redactedFields()), verdict.redactions(), () -> d + " vs " + verdict);
                assertEquals(d.deliverAt() == null ? java.time.Duration.ZERO
                        : java.time.Duration.between(Fixtures.NOW, d.deliverAt()), verdict.embargo(), () -> d + " vs " + verdict);
            }
        }
    }

    @Property(tries = 300)
    void redAndAmberStrictNeverReachAnUnlistedMember(@ForAll("scenarios") Scenario s) {
        Tlp tlp = s.content().getTlp();
        RoutingPlan plan = PolicyEngine.evaluate(s.origin(), s.content(), s.policy(), s.members(), Fixtures.NOW);

        if (tlp == Tlp.RED || tlp == Tlp.AMBER_STRICT) {
            plan.delivered().forEach(d -> assertTrue(s.content().getRecipients().contains(d.destination()), d::toString));
        }
        assertTrue(plan.delivered().stream().noneMatch(d -> d.destination().equals(s.origin())));
    }

    @Property(tries = 300)
    void redactedFieldsAreAbsentFromWhatTheDestinationReceives(@ForAll("scenarios") Scenario s) {
        ThreatSignal signal = signal(s);
        RoutingPlan plan = PolicyEngine.evaluate(s.origin(), s.content(), s.policy(), s.members(), Fixtures.NOW);

        for (DestinationDecision d : plan.delivered()) {
            Set<String> required = new HashSet<>();
            matching(s, d.destination(), RuleEffect.REDACT).forEach(r -> required.addAll(r.getFields()));
            assertEquals(required, Set.copyOf(d.redactedFields()));
            SignalContent received = SharedSignals.copyFor(signal, d, plan, Fixtures.NOW, "x").getContent();
            required.forEach(field -> assertAbsent(field, received));
        }
    }

    @Property(tries = 200)
    void coordinationLevelIsRespected(@ForAll("scenarios") Scenario s) {
        ThreatSignal signal = signal(s);
        CoordinationLevel level = s.policy().getCoordination();

        var view = VIEW.of(signal, level, false);

        if (level == CoordinationLevel.NONE) {
            assertTrue(view.isEmpty());
            return;
        }
        CoordinationSignal v = view.orElseThrow();
        Set<String> rawValues = new HashSet<>();
        s.content().getIndicators().forEach(i -> rawValues.add(i.getValue()));
        if (level == CoordinationLevel.COUNT_ONLY) {
            assertTrue(v.getIndicators().isEmpty() && v.getAffectedSystems().isEmpty());
            assertNull(v.getCampaignId());
            assertNull(v.getTitle());
        } else if (level == CoordinationLevel.HASHED) {
            assertTrue(v.getIndicators().stream().noneMatch(i -> rawValues.contains(i.getValue())));
            assertNull(v.getTitle());
        }
    }

    @Property(tries = 200)
    void attributionControlsWhatRecipientsLearnOfTheOrigin(@ForAll("scenarios") Scenario s) {
        RoutingPlan plan = PolicyEngine.evaluate(s.origin(), s.content(), s.policy(), s.members(), Fixtures.NOW);
        for (DestinationDecision d : plan.delivered()) {
            SharedSignal copy = SharedSignals.copyFor(signal(s), d, plan, Fixtures.NOW, "x");
            switch (plan.attribution()) {
                case ANONYMOUS -> assertTrue(copy.getOriginCountry() == null && copy.getOriginAgency() == null);
                case COUNTRY -> assertTrue(s.origin().equals(copy.getOriginCountry()) && copy.getOriginAgency() == null);
                case AGENCY -> assertEquals("agency", copy.getOriginAgency());
            }
        }
    }

    // ---- independent oracle ----

    private static List<PolicyRule> matching(Scenario s, String destination, RuleEffect effect) {
        List<PolicyRule> result = new ArrayList<>();
        for (PolicyRule r : s.policy().getRules()) {
            if (r.getEffect() == effect && oracleTargets(s, r, destination) && oracleMatches(r, s.content())) {
                result.add(r);
            }
        }
        return result;
    }

    private static boolean oracleTargets(Scenario s, PolicyRule r, String destination) {
        return expand(s, r.getTo()).contains(destination) && !expand(s, r.getExcept()).contains(destination);
    }

    private static Set<String> expand(Scenario s, List<String> targets) {
        Set<String> out = new HashSet<>();
        for (String t : targets) {
            if (t.equals("*")) {
                out.addAll(s.members().codes());
            } else if (t.startsWith("group:")) {
                out.addAll(s.policy().getGroups().getOrDefault(t.substring(6), List.of()));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean oracleMatches(PolicyRule r, SignalContent c) {
        List<Tlp> tlps = r.getTlp();
        boolean tlpOk = tlps.isEmpty() ? (r.getEffect() != RuleEffect.ALLOW || c.getTlp().ordinal() <= Tlp.GREEN.ordinal()) : tlps.contains(c.getTlp());
        boolean categoryOk = r.getCategories().isEmpty() || r.getCategories().contains(c.getCategory());
        boolean sectorOk = r.getSectors().isEmpty() || c.getSectors().stream().anyMatch(r.getSectors()::contains);
        boolean minOk = r.getMinSeverity() == null || c.getSeverity() >= r.getMinSeverity();
        boolean maxOk = r.getMaxSeverity() == null || c.getSeverity() <= r.getMaxSeverity();
        return tlpOk && categoryOk && sectorOk && minOk && maxOk;
    }

    private static void assertAbsent(String field, SignalContent c) {
        switch (field) {
            case "title" -> assertEquals("", c.getTitle());
            case "description" -> assertNull(c.getDescription());
            case "indicators" -> assertTrue(c.getIndicators().isEmpty());
            case "campaignId" -> assertNull(c.getCampaignId());
            case "affectedSystems" -> assertTrue(c.getAffectedSystems().isEmpty());
            case "atlasTechniques" -> assertTrue(c.getAtlasTechniques().isEmpty());
            case "recipients" -> assertTrue(c.getRecipients().isEmpty());
            default -> {
                String type = field.substring("indicators[type=".length(), field.length() - 1);
                assertTrue(c.getIndicators().stream().noneMatch(i -> i.getType().name().equals(type)), field);
            }
        }
    }

    private static ThreatSignal signal(Scenario s) {
        return ThreatSignal.newBuilder().setId("sig").setOriginCountry(s.origin()).setOriginAgency("agency")
                .setSubmittedAt(Fixtures.NOW).setContent(s.content()).setContentHash("sha256:00").setSignature(ByteBuffer.allocate(0)).build();
    }

    // ---- generators ----

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.of(POOL).set().ofMinSize(2).ofMaxSize(POOL.size()).flatMap(codes -> {
            List<String> list = List.copyOf(new java.util.TreeSet<>(codes));
            Map<String, String> keys = new LinkedHashMap<>();
            list.forEach(c -> keys.put(c, "k"));
            Members members = Members.of(keys, Map.of());
            Arbitrary<Map<String, List<String>>> groups = Arbitraries.of(list).list().ofMaxSize(4)
                    .map(g -> Map.of("g1", g)).injectDuplicates(0.1);
            return Combinators.combine(Arbitraries.of(list), groups, rules(list).list().ofMaxSize(7),
                    Arbitraries.of(CoordinationLevel.class), Arbitraries.of(io.aegis.schema.common.Attribution.class), contents(list))
                    .as((origin, g, rules, level, attribution, content) -> new Scenario(members, origin,
                            SharingPolicy.newBuilder().setCountry(origin).setVersion(7).setUpdatedAt(Fixtures.NOW).setGroups(g)
                                    .setRules(uniqueIds(rules)).setCoordination(level).setAttribution(attribution).build(), content));
        });
    }

    private static List<PolicyRule> uniqueIds(List<PolicyRule> rules) {
        List<PolicyRule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            out.add(PolicyRule.newBuilder(rules.get(i)).setId("r" + i).build());
        }
        return out;
    }

    private Arbitrary<PolicyRule> rules(List<String> codes) {
        List<String> targets = new ArrayList<>(codes);
        targets.add("*");
        targets.add("group:g1");
        Arbitrary<List<String>> to = Arbitraries.of(targets).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<String>> except = Arbitraries.of(targets).list().ofMaxSize(2).injectDuplicates(0.0);
        Arbitrary<Integer> severity = Arbitraries.integers().between(1, 5).injectNull(0.6);
        return Combinators.combine(Arbitraries.of(RuleEffect.class), to, except, Arbitraries.of(Tlp.class).set().ofMaxSize(3),
                Arbitraries.of(Category.DEEPFAKE_FRAUD, Category.MODEL_THEFT).set().ofMaxSize(1),
                Arbitraries.of(Sector.FINANCE, Sector.ELECTIONS).set().ofMaxSize(1), severity,
                Arbitraries.of(REDACTABLE).set().ofMinSize(1).ofMaxSize(3))
                .as((effect, t, e, tlp, cat, sec, min, fields) -> PolicyRule.newBuilder().setId("r").setEffect(effect)
                        .setTo(t).setExcept(e).setTlp(List.copyOf(tlp)).setCategories(List.copyOf(cat)).setSectors(List.copyOf(sec))
                        .setMinSeverity(min).setMaxSeverity(null)
                        .setFields(effect == RuleEffect.REDACT ? List.copyOf(fields) : List.of())
                        .setDelay(effect == RuleEffect.DELAY ? "PT30M" : null).build());
    }

    private Arbitrary<SignalContent> contents(List<String> codes) {
        return Combinators.combine(Arbitraries.of(Tlp.class), Arbitraries.of(Category.DEEPFAKE_FRAUD, Category.MODEL_THEFT),
                Arbitraries.of(Sector.FINANCE, Sector.ELECTIONS, Sector.HEALTH).set().ofMaxSize(2), Arbitraries.integers().between(1, 5),
                Arbitraries.of(codes).set().ofMaxSize(3))
                .as((tlp, category, sectors, severity, recipients) -> SignalContent.newBuilder(Fixtures.content(tlp))
                        .setCategory(category).setSectors(List.copyOf(sectors)).setSeverity(severity)
                        .setRecipients(List.copyOf(recipients))
                        .setIndicators(List.of(new Indicator(IndicatorType.EMAIL, "a@b.example"), new Indicator(IndicatorType.DOMAIN, "x.example")))
                        .build());
    }
}
