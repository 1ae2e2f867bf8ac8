package io.aegis.response.domain;

import io.aegis.response.domain.ObligationRule.Obligated;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseOutcomeFlag;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.SignalDisclosure;
import io.aegis.schema.response.VoteChoice;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Test data for the workflow: five members with three-level rosters, escalations and commands. */
public final class Fixtures {

    public static final List<String> MEMBERS = List.of("BR", "DE", "FR", "JP", "KE");
    public static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    public static final String GROUP = "campaign:voice-x";

    private static final AtomicInteger IDS = new AtomicInteger();

    private Fixtures() {
    }

    public static Rosters rosters() {
        List<Roster> rosters = new ArrayList<>();
        for (String country : MEMBERS) {
            String cc = country.toLowerCase();
            List<DutyOfficer> levels = List.of(
                    new DutyOfficer(cc + "-duty-primary", country + " primary", ZoneId.of("UTC")),
                    new DutyOfficer(cc + "-duty-backup", country + " backup", ZoneId.of("UTC")),
                    new DutyOfficer(cc + "-duty-lead", country + " lead", ZoneId.of("UTC")));
            Map<Tier, List<DutyOfficer>> tiers = new EnumMap<>(Tier.class);
            for (Tier tier : List.of(Tier.ELEVATED, Tier.SEVERE, Tier.CRITICAL)) {
                tiers.put(tier, levels);
            }
            rosters.add(new Roster(country, tiers));
        }
        return new Rosters(rosters);
    }

    public static ResponseSettings settings() {
        return ResponseSettings.defaults().withObligations(List.of(
                new ObligationRule("notify-affected-members", "Notify all affected members", Duration.ofHours(24),
                        Duration.ofHours(2), Tier.SEVERE, false, Completion.ALL_ACKNOWLEDGED),
                new ObligationRule("initial-report", "Initial report", Duration.ofDays(2), Duration.ofHours(12),
                        Tier.SEVERE, true, Completion.REPORT)));
    }

    /**
     * The clocks shipped in infra/response.yaml (EU AI Act Art. 73 and an IHR-style notification),
     * written out here so that domain tests do not read configuration.
     */
    public static ResponseSettings regulatoryClocks() {
        Set<CaseOutcomeFlag> none = Set.of();
        return ResponseSettings.defaults().withObligations(List.of(
                new ObligationRule("notify-affected-members", "Notify all affected members", Duration.ofHours(24),
                        Duration.ofHours(2), Tier.SEVERE, false, Completion.ALL_ACKNOWLEDGED),
                new ObligationRule("ihr-notification", "IHR-style notification", Duration.ofHours(24), Duration.ofHours(6),
                        Tier.SEVERE, Set.of(), Set.of(Sector.HEALTH), false, none, Obligated.REPORTING_COUNTRIES,
                        Completion.REPORT),
                new ObligationRule("art73-critical-infrastructure", "Art. 73, critical infrastructure", Duration.ofDays(2),
                        Duration.ofHours(12), Tier.SEVERE, Set.of(), Set.of(), true, none, Obligated.REPORTING_COUNTRIES,
                        Completion.REPORT),
                new ObligationRule("art73-widespread", "Art. 73, widespread", Duration.ofDays(2), Duration.ofHours(12),
                        Tier.NOTICE, Set.of(), Set.of(), false,
                        Set.of(CaseOutcomeFlag.WIDESPREAD, CaseOutcomeFlag.CRITICAL_INFRASTRUCTURE_DISRUPTION),
                        Obligated.REPORTING_COUNTRIES, Completion.REPORT),
                new ObligationRule("art73-death", "Art. 73, death", Duration.ofDays(10), Duration.ofDays(2), Tier.NOTICE,
                        Set.of(), Set.of(), false, Set.of(CaseOutcomeFlag.DEATH), Obligated.REPORTING_COUNTRIES,
                        Completion.REPORT),
                new ObligationRule("art73-serious-incident", "Art. 73", Duration.ofDays(15), Duration.ofDays(2), Tier.SEVERE,
                        Set.of(), Set.of(), false, none, Obligated.REPORTING_COUNTRIES, Completion.REPORT)));
    }

    public static CaseWorkflow workflow() {
        return new CaseWorkflow(settings(), rosters(), MEMBERS);
    }

    public static Escalation escalation(Tier tier, Tier previous, String... countries) {
        return Escalation.newBuilder()
                .setEscalationId("esc-" + IDS.incrementAndGet())
                .setCorrelationKey(GROUP).setTier(tier).setPreviousTier(previous)
                .setRules(List.of("distinct-countries")).setReason(countries.length + " countries reported DEEPFAKE_FRAUD")
                .setSignalIds(List.of("sig-" + IDS.incrementAndGet()))
                .setCountries(List.of(countries)).setCategories(List.of(Category.DEEPFAKE_FRAUD))
                .setCriticalSectors(List.of()).setMaxSeverity(4).setSignalCount(countries.length)
                .setWindow("PT1H").setWindowStart(T0.minus(Duration.ofHours(1))).setWindowEnd(T0).setEscalatedAt(T0)
                .build();
    }

    public static Escalation criticalInfrastructure(Tier tier, String... countries) {
        Escalation escalation = escalation(tier, null, countries);
        escalation.setCriticalSectors(List.of(Sector.ENERGY));
        return escalation;
    }

    /**
     * A group update, as the escalation service writes it: {@code signal} joined the group at its
     * current {@code tier}, which {@code countries} now report; no rule fired.
     */
    public static Escalation groupUpdate(Tier tier, SignalDisclosure signal, String... countries) {
        Escalation update = escalation(tier, null, countries);
        update.setGroupUpdate(true);
        update.setRules(List.of());
        update.setReason("a new signal joined the group");
        update.setSignalIds(signal.getCountOnly() ? List.of() : List.of(signal.getSignalId()));
        update.setDisclosures(List.of(signal));
        update.setWindow("PT24H");
        return update;
    }

    /** One signal's facts: its origin, how it may be named, and who received it. */
    public static SignalDisclosure fact(String signalId, String origin, Attribution attribution, String... audience) {
        return new SignalDisclosure(signalId, origin, false, attribution,
                Stream.of(audience).map(country -> new Delivery(country, null)).toList());
    }

    public static CaseCommand command(String caseId, String country, CommandType type) {
        return CaseCommand.newBuilder()
                .setCommandId("cmd-" + IDS.incrementAndGet()).setCaseId(caseId).setCountry(country)
                .setOfficerId(country.toLowerCase() + "-duty-primary").setType(type).setIssuedAt(T0)
                .build();
    }

    public static CaseCommand ack(String caseId, String country) {
        return command(caseId, country, CommandType.ACKNOWLEDGE);
    }

    public static CaseCommand comment(String caseId, String country, String text) {
        CaseCommand command = command(caseId, country, CommandType.COMMENT);
        command.setText(text);
        return command;
    }

    public static CaseCommand propose(String caseId, String country, ActionType type) {
        CaseCommand command = command(caseId, country, CommandType.PROPOSE_ACTION);
        command.setActionType(type);
        return command;
    }

    public static CaseCommand vote(String caseId, String country, String actionId, VoteChoice choice) {
        CaseCommand command = command(caseId, country, CommandType.VOTE);
        command.setActionId(actionId);
        command.setVote(choice);
        return command;
    }

    public static List<CaseEventType> types(CaseOutcome outcome) {
        return outcome.events().stream().map(CaseEvent::getType).toList();
    }

    public static List<String> recipients(CaseOutcome outcome) {
        return outcome.notifications().stream().map(Notification::getOfficerId).sorted().toList();
    }

    public static EmergencyCase kase(CaseOutcome outcome) {
        return outcome.kase().orElseThrow(() -> new AssertionError("expected the case to change"));
    }
}
