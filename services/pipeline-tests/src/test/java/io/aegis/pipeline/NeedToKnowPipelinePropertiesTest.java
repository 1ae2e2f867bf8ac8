package io.aegis.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.policy.leak.DisclosureChecker;
import io.aegis.policy.leak.LeakChecker;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.routing.PolicyRule;
import io.aegis.schema.routing.RuleEffect;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Guarantee 6 end to end: random members, policies (every attribution and coordination level,
 * groups, TLP rules, denials, embargoes) and signals (every TLP, recipients for AMBER+STRICT and RED)
 * run through the router, escalation and response topologies. For every member, nothing in its
 * inbox case copies or its notifications names a signal id, an origin or a signal's content that
 * the origin's policy kept from it — and once origins retract or downgrade some signals after
 * routing, nothing that the retraction or downgrade took from it. The allowed view is computed here, from the policies alone,
 * without the router's classes: if the router and this test disagree on the rules, the test fails.
 */
class NeedToKnowPipelinePropertiesTest {

    private static final List<String> POOL = List.of("FR", "DE", "JP", "BR", "KE", "IN");
    private static final Pattern REPORTERS = Pattern.compile("Reporting countries: ([A-Z, ]+|none you may know)");
    private static final AtomicInteger COPIES = new AtomicInteger();
    private static final AtomicInteger NAMED = new AtomicInteger();
    private static final AtomicInteger COUNTED = new AtomicInteger();

    record Rule(RuleEffect effect, List<String> to, List<Tlp> tlp, List<Sector> sectors) {
    }

    record Policy(String country, List<String> group, List<Rule> rules, CoordinationLevel coordination, Attribution attribution) {
    }

    record Signal(String id, String origin, Tlp tlp, List<String> recipients, List<Sector> sectors) {
    }

    /** What the origin does to a signal after it was routed: nothing, retract it, or downgrade it (only ever narrower). */
    enum ChangeKind { NONE, RETRACT, DOWNGRADE }

    record Change(ChangeKind kind, Tlp tlp, List<String> recipients) {
    }

    record Scenario(List<String> members, List<Policy> policies, List<Signal> signals, List<Change> changes) {

        Change changeOf(int index) {
            return changes.get(index % changes.size());
        }
    }

    @Property(tries = 60)
    void noMemberReadsAboutASignalItsOriginKeptFromIt(@ForAll("scenarios") Scenario scenario) {
        try (Pipeline pipeline = new Pipeline(scenario.members())) {
            scenario.policies().forEach(p -> pipeline.policy(avro(p)));
            List<ThreatSignal> published = new ArrayList<>();
            for (Signal signal : scenario.signals()) {
                published.add(pipeline.publish(signal.id(), signal.origin(), content(signal)));
            }
            pipeline.flow();

            List<LeakChecker.InboxCopy> received = new ArrayList<>();
            Map<String, Map<String, EmergencyCase>> latest = new LinkedHashMap<>();
            checkWhatMembersRead(scenario, pipeline, member -> allowedView(scenario, member), received, latest);
            assertFalse(pipeline.centreCases().isEmpty() && signalsReachCoordination(scenario),
                    "a signal reached coordination, so a case must have opened");

            // then the origins retract or downgrade some of their signals: cases must narrow with them
            for (int i = 0; i < published.size(); i++) {
                change(pipeline, scenario, published.get(i), scenario.changeOf(i));
            }
            pipeline.flow();
            // (each change narrows the case on its own, so copies written in between may still name what a later one takes)
            checkWhatMembersRead(scenario, pipeline, member -> allowedView(scenario, member), received, latest);
            // but a member's last copy of each case, whenever written, names nothing it lost
            latest.forEach((member, copies) -> copies.values().forEach(copy ->
                    checkCopy(scenario, member, narrowedView(scenario, member), copy)));
        }
    }

    /**
     * Checks every case copy and notification written since the last call against each member's view,
     * and runs the evidence checker over them with every signal copy received so far.
     */
    private static void checkWhatMembersRead(Scenario scenario, Pipeline pipeline, java.util.function.Function<String, View> views,
                                             List<LeakChecker.InboxCopy> received, Map<String, Map<String, EmergencyCase>> latest) {
        List<DisclosureChecker.CaseCopy> cases = new ArrayList<>();
        List<DisclosureChecker.NotificationCopy> notes = new ArrayList<>();
        for (String member : scenario.members()) {
            View view = views.apply(member);
            pipeline.signalCopies(member).forEach(copy -> received.add(new LeakChecker.InboxCopy(member, "inbox." + member,
                    java.time.Instant.EPOCH, copy)));
            for (EmergencyCase copy : pipeline.caseCopies(member)) {
                checkCopy(scenario, member, view, copy);
                cases.add(new DisclosureChecker.CaseCopy(member, "inbox." + member, copy));
                latest.computeIfAbsent(member, m -> new LinkedHashMap<>()).put(copy.getCaseId(), copy);
            }
            for (Notification notification : pipeline.notifications(member)) {
                checkText(scenario, view, notification.toString());
                checkReporters(view, notification.getMessage());
                notes.add(new DisclosureChecker.NotificationCopy(member, "notify." + member, notification));
            }
        }
        // the evidence checker that verify runs must agree: nothing on the topics names what an inbox was not given
        Map<String, String> originOf = new LinkedHashMap<>();
        scenario.signals().forEach(signal -> originOf.put(signal.id(), signal.origin()));
        assertEquals(List.of(), new DisclosureChecker(received, originOf).check(cases, notes));
    }

    private static void change(Pipeline pipeline, Scenario scenario, ThreatSignal signal, Change change) {
        switch (change.kind()) {
            case RETRACT -> pipeline.retract(signal, RetractionKind.RETRACT, null, List.of());
            case DOWNGRADE -> {
                Signal narrowed = downgraded(scenario, signalOf(scenario, signal.getId()), change);
                pipeline.retract(signal, RetractionKind.DOWNGRADE, narrowed.tlp(), narrowed.recipients());
            }
            default -> { }
        }
    }

    /** The signal as downgraded: a TLP at least as strict, and the given recipients among the members (none: its own). */
    private static Signal downgraded(Scenario scenario, Signal signal, Change change) {
        Tlp tlp = change.tlp().ordinal() < signal.tlp().ordinal() ? signal.tlp() : change.tlp();
        List<String> recipients = change.recipients().stream()
                .filter(cc -> scenario.members().contains(cc) && !cc.equals(signal.origin())).toList();
        return new Signal(signal.id(), signal.origin(), tlp, recipients.isEmpty() ? signal.recipients() : recipients, signal.sectors());
    }

    /**
     * What a member may know once the changes are made: a retracted signal only its origin; a
     * downgraded one only a member that had it at once and would still get it at once.
     */
    static View narrowedView(Scenario scenario, String member) {
        Set<String> ids = new HashSet<>();
        Set<String> origins = new HashSet<>(Set.of(member));
        for (int i = 0; i < scenario.signals().size(); i++) {
            Signal signal = scenario.signals().get(i);
            Change change = scenario.changeOf(i);
            Policy policy = policyOf(scenario, signal.origin());
            boolean kept = switch (change.kind()) {
                case NONE -> deliveredAtOnce(policy, signal, member);
                case RETRACT -> false;
                case DOWNGRADE -> deliveredAtOnce(policy, signal, member)
                        && deliveredAtOnce(policy, downgraded(scenario, signal, change), member);
            };
            if (signal.origin().equals(member)) {
                ids.add(signal.id());
            } else if (kept && policy.coordination() != CoordinationLevel.COUNT_ONLY) {
                ids.add(signal.id());
                if (policy.attribution() != Attribution.ANONYMOUS) {
                    origins.add(signal.origin());
                }
            }
        }
        return new View(ids, origins);
    }

    private static Signal signalOf(Scenario scenario, String id) {
        return scenario.signals().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @AfterContainer
    static void somethingWasCheckedAtAll() {
        // the property would hold vacuously if no copy ever named or counted anything
        assertTrue(COPIES.get() > 0, "no case copy was ever written");
        assertTrue(NAMED.get() > 0, "no copy ever named a signal");
        assertTrue(COUNTED.get() > 0, "no copy ever counted a signal without naming it");
    }

    /** What one member may know: signal ids, and origins, by the policies alone. */
    record View(Set<String> ids, Set<String> origins) {
    }

    static View allowedView(Scenario scenario, String member) {
        Set<String> ids = new HashSet<>();
        Set<String> origins = new HashSet<>(Set.of(member));
        for (Signal signal : scenario.signals()) {
            Policy policy = policyOf(scenario, signal.origin());
            if (signal.origin().equals(member)) {
                ids.add(signal.id());
            } else if (deliveredAtOnce(policy, signal, member) && policy.coordination() != CoordinationLevel.COUNT_ONLY) {
                ids.add(signal.id());
                if (policy.attribution() != Attribution.ANONYMOUS) {
                    origins.add(signal.origin());
                }
            }
        }
        return new View(ids, origins);
    }

    /** The sharing rules as documented (docs/policy.md), re-stated independently of the router. */
    static boolean deliveredAtOnce(Policy policy, Signal signal, String member) {
        boolean allowed = false;
        for (Rule rule : policy.rules()) {
            if (!targets(policy, rule, member)) {
                continue;
            }
            switch (rule.effect()) {
                case DENY -> {
                    if (rule.sectors().isEmpty() || rule.sectors().stream().anyMatch(signal.sectors()::contains)) {
                        return false;
                    }
                }
                case ALLOW -> allowed |= rule.tlp().contains(signal.tlp());
                case DELAY -> {
                    return false; // the shared clock never reaches an embargo's end
                }
                default -> { }
            }
        }
        boolean listed = (signal.tlp() != Tlp.AMBER_STRICT && signal.tlp() != Tlp.RED) || signal.recipients().contains(member);
        return allowed && listed;
    }

    private static boolean targets(Policy policy, Rule rule, String member) {
        return rule.to().contains("*") || rule.to().contains(member)
                || (rule.to().contains("group:g") && policy.group().contains(member));
    }

    private static void checkCopy(Scenario scenario, String member, View view, EmergencyCase copy) {
        COPIES.incrementAndGet();
        assertEquals(member, copy.getCopyFor());
        assertTrue(copy.getDisclosures().isEmpty(), "a member copy carries no per-signal facts");
        for (String id : copy.getSignalIds()) {
            assertTrue(view.ids().contains(id), member + " may not know signal " + id + ": " + copy);
        }
        for (String country : copy.getReportingCountries()) {
            assertTrue(view.origins().contains(country), member + " may not know reporter " + country + ": " + copy);
        }
        if (copy.getTier() != Tier.CRITICAL) {
            // below CRITICAL only reporters take part: naming one names an origin
            for (String country : copy.getInvolvedCountries()) {
                assertTrue(view.origins().contains(country), member + " may not know that " + country + " takes part: " + copy);
            }
        }
        checkText(scenario, view, copy.toString());
        NAMED.addAndGet(copy.getSignalIds().size());
        COUNTED.addAndGet(copy.getUnnamedSignalCount());
    }

    /** No id nor content (title, description, campaign) of a signal the member may not know, anywhere. */
    private static void checkText(Scenario scenario, View view, String text) {
        for (Signal signal : scenario.signals()) {
            if (!view.ids().contains(signal.id())) {
                assertFalse(text.contains(signal.id()), "names signal " + signal.id() + ": " + text);
            }
            assertFalse(text.contains("secret-" + signal.id()), "carries content of " + signal.id() + ": " + text);
        }
    }

    private static void checkReporters(View view, String message) {
        Matcher matcher = REPORTERS.matcher(message);
        if (matcher.find() && !matcher.group(1).startsWith("none")) {
            for (String country : matcher.group(1).split(", ")) {
                assertTrue(view.origins().contains(country.trim()), "names reporter " + country + ": " + message);
            }
        }
    }

    private static boolean signalsReachCoordination(Scenario scenario) {
        return scenario.signals().stream().anyMatch(s -> policyOf(scenario, s.origin()).coordination() != CoordinationLevel.NONE);
    }

    private static Policy policyOf(Scenario scenario, String country) {
        return scenario.policies().stream().filter(p -> p.country().equals(country)).findFirst().orElseThrow();
    }

    // --- generators -------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.of(POOL).list().uniqueElements().ofMinSize(3).ofMaxSize(POOL.size())
                .flatMap(members -> Combinators.combine(
                        Combinators.combine(members.stream().map(cc -> policy(cc, members)).toList()).as(List::copyOf),
                        signal(members).list().ofMinSize(1).ofMaxSize(6),
                        change().list().ofMinSize(1).ofMaxSize(6))
                        .as((policies, signals, changes) -> new Scenario(members, policies, numbered(signals), changes)));
    }

    private static Arbitrary<Change> change() {
        return Combinators.combine(
                        Arbitraries.of(ChangeKind.NONE, ChangeKind.NONE, ChangeKind.RETRACT, ChangeKind.DOWNGRADE, ChangeKind.DOWNGRADE),
                        Arbitraries.of(Tlp.class),
                        Arbitraries.of(POOL).list().uniqueElements().ofMaxSize(3))
                .as(Change::new);
    }

    private static List<Signal> numbered(List<Signal> signals) {
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            Signal s = signals.get(i);
            out.add(new Signal(s.id() + "-" + i, s.origin(), s.tlp(), s.recipients(), s.sectors()));
        }
        return out;
    }

    private Arbitrary<Policy> policy(String country, List<String> members) {
        List<String> others = members.stream().filter(m -> !m.equals(country)).toList();
        Arbitrary<List<String>> someOthers = Arbitraries.of(others).list().uniqueElements().ofMinSize(1).ofMaxSize(others.size());
        Arbitrary<List<String>> allowTo = Arbitraries.oneOf(Arbitraries.just(List.of("*")), someOthers, Arbitraries.just(List.of("group:g")));
        Arbitrary<Rule> allow = Combinators.combine(allowTo, Arbitraries.of(Tlp.class).set().ofMinSize(1))
                .as((to, tlp) -> new Rule(RuleEffect.ALLOW, to, List.copyOf(new java.util.TreeSet<>(tlp)), List.of()));
        Arbitrary<List<Rule>> extras = Combinators.combine(
                        Arbitraries.of(others).map(cc -> new Rule(RuleEffect.DENY, List.of(cc), List.of(), List.of(Sector.ELECTIONS)))
                                .optional(0.4),
                        Arbitraries.of(others).map(cc -> new Rule(RuleEffect.DELAY, List.of(cc), List.of(), List.of())).optional(0.4))
                .as((deny, delay) -> {
                    List<Rule> rules = new ArrayList<>();
                    deny.ifPresent(rules::add);
                    delay.ifPresent(rules::add);
                    return rules;
                });
        return Combinators.combine(someOthers, allow, extras, Arbitraries.of(CoordinationLevel.class), Arbitraries.of(Attribution.class))
                .as((group, allowRule, more, coordination, attribution) -> {
                    List<Rule> rules = new ArrayList<>(List.of(allowRule));
                    rules.addAll(more);
                    return new Policy(country, group, rules, coordination, attribution);
                });
    }

    private Arbitrary<Signal> signal(List<String> members) {
        return Arbitraries.of(members).flatMap(origin -> {
            List<String> others = members.stream().filter(m -> !m.equals(origin)).toList();
            return Combinators.combine(Arbitraries.of(Tlp.class),
                            Arbitraries.of(others).list().uniqueElements().ofMinSize(1).ofMaxSize(others.size()),
                            Arbitraries.of(List.of(Sector.FINANCE), List.of(Sector.FINANCE, Sector.ELECTIONS)))
                    .as((tlp, recipients, sectors) -> new Signal("sig-" + java.util.UUID.randomUUID(), origin, tlp,
                            tlp == Tlp.AMBER_STRICT || tlp == Tlp.RED ? recipients : List.of(), sectors));
        });
    }

    // --- contract records ---------------------------------------------------------------------------------------

    private static SharingPolicy avro(Policy policy) {
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            Rule rule = policy.rules().get(i);
            rules.add(PolicyRule.newBuilder().setId("r" + i + "-" + rule.effect().name().toLowerCase())
                    .setEffect(rule.effect()).setTo(rule.to()).setTlp(rule.tlp()).setSectors(rule.sectors())
                    .setDelay(rule.effect() == RuleEffect.DELAY ? "PT1H" : null).build());
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("g", policy.group());
        return SharingPolicy.newBuilder().setCountry(policy.country()).setVersion(1).setUpdatedAt(Pipeline.NOW)
                .setGroups(groups).setRules(rules).setCoordination(policy.coordination())
                .setAttribution(policy.attribution()).build();
    }

    private static SignalContent content(Signal signal) {
        return SignalContent.newBuilder()
                .setCategory(Category.DEEPFAKE_FRAUD)
                .setTitle("secret-" + signal.id() + " title")
                .setDescription("secret-" + signal.id() + " description")
                .setSeverity(4).setConfidence(80).setTlp(signal.tlp())
                .setObservedAt(Pipeline.NOW).setSectors(signal.sectors())
                .setRecipients(signal.recipients())
                .setCampaignId("secret-" + signal.id() + "-campaign")
                .build();
    }
}
