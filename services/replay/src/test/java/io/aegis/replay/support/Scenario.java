package io.aegis.replay.support;

import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.crypto.HashChain;
import io.aegis.kafka.crypto.SignalSigner;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.policy.PolicyDocument;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.testsupport.fixtures.Signals;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recorded incident, built the way the services build their records (signed signals,
 * hash-chained audit and case events): FR and DE report the same voice-clone campaign, which
 * escalates to SEVERE and opens case-1; FR's officer acknowledges after 7 minutes, DE's after 17,
 * a second DE officer never does. JP reports an unrelated model theft that FR receives redacted.
 */
public final class Scenario {

    public static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    public static final String CASE_ID = "case-1";
    public static final String GROUP = "campaign:campaign-voice-x";

    public final Map<String, KeyPair> keys = new TreeMap<>();
    public final ThreatSignal s1;
    public final ThreatSignal s2;
    public final ThreatSignal s3;
    /** Audit decisions per partition, each partition its own chain. */
    public final List<RoutingDecision> auditPartition0 = new ArrayList<>();
    public final List<RoutingDecision> auditPartition1 = new ArrayList<>();
    public final List<SharedSignal> inboxDe = new ArrayList<>();
    public final List<SharedSignal> inboxFr = new ArrayList<>();
    public final List<CoordinationSignal> coordination = new ArrayList<>();
    public final Escalation escalation;
    public final List<CaseEvent> caseEvents = new ArrayList<>();
    public final EmergencyCase emergencyCase;
    public final List<Notification> notifyFr = new ArrayList<>();
    public final List<Notification> notifyDe = new ArrayList<>();
    public final List<CaseCommand> commandsFr = new ArrayList<>();
    public final List<CaseCommand> commandsDe = new ArrayList<>();
    public final Receipt receipt;
    /** The origins' policies, in the versions the decisions cite. */
    public final List<SharingPolicy> policies = new ArrayList<>();

    public Scenario() {
        for (String country : List.of("FR", "DE", "JP")) {
            keys.put(country, Ed25519.generate());
        }
        s1 = signal("s1", "FR", Category.DEEPFAKE_FRAUD, T0.plusSeconds(60));
        s2 = signal("s2", "DE", Category.DEEPFAKE_FRAUD, T0.plusSeconds(120));
        s3 = signal("s3", "JP", Category.MODEL_THEFT, T0.plusSeconds(180));
        chain(auditPartition0, List.of(
                decision("d1", s1, "DE", DecisionOutcome.DELIVER, 3, List.of("amber-to-trusted"), T0.plusSeconds(61)),
                decision("d2", s1, "JP", DecisionOutcome.WITHHOLD, 3, List.of(), T0.plusSeconds(61))));
        chain(auditPartition1, List.of(
                decision("d3", s2, "FR", DecisionOutcome.DELIVER, 1, List.of("share-all"), T0.plusSeconds(121)),
                decision("d4", s3, "FR", DecisionOutcome.DELIVER_REDACTED, 2, List.of("share-green", "strip"),
                        T0.plusSeconds(181))));
        inboxDe.add(shared(s1, "DE", "d1", 3, T0.plusSeconds(62)));
        inboxFr.add(shared(s2, "FR", "d3", 1, T0.plusSeconds(122)));
        inboxFr.add(shared(s3, "FR", "d4", 2, T0.plusSeconds(182)));
        coordination.add(coordination(s1));
        coordination.add(coordination(s2));
        coordination.add(coordination(s3));
        escalation = escalation();
        Instant opened = T0.plusSeconds(181);
        chainEvents(List.of(
                caseEvent(1, CaseEventType.OPENED, opened, null, null),
                caseEvent(2, CaseEventType.NOTIFIED, opened.plusSeconds(1), null, null),
                caseEvent(3, CaseEventType.ACKNOWLEDGED, T0.plusSeconds(602), "FR", "fr-duty-1"),
                caseEvent(4, CaseEventType.ACKNOWLEDGED, T0.plusSeconds(1202), "DE", "de-duty-1")));
        emergencyCase = emergencyCase(opened);
        notifyFr.add(notification("n1", "fr-duty-1", "FR", opened.plusSeconds(1)));
        notifyDe.add(notification("n2", "de-duty-1", "DE", opened.plusSeconds(1)));
        notifyDe.add(notification("n3", "de-duty-2", "DE", opened.plusSeconds(1)));
        commandsFr.add(ack("c1", "FR", "fr-duty-1", T0.plusSeconds(601)));
        commandsDe.add(ack("c2", "DE", "de-duty-1", T0.plusSeconds(1201)));
        receipt = new Receipt("s1", "DE", ReceiptKind.DELIVERED, T0.plusSeconds(65), "node-de");
        policies.add(policy(3, "country: FR\nrules:\n  - {id: amber-to-trusted, effect: ALLOW, to: [DE], tlp: [GREEN, AMBER]}\n"));
        policies.add(policy(1, "country: DE\nrules:\n  - {id: share-all, effect: ALLOW, to: [\"*\"], tlp: [GREEN, AMBER]}\n"));
        policies.add(policy(2, "country: JP\nrules:\n  - {id: share-green, effect: ALLOW, to: [\"*\"], tlp: [GREEN, AMBER]}\n"
                + "  - {id: strip, effect: REDACT, to: [DE], fields: [description]}\n"));
    }

    private static SharingPolicy policy(int version, String yaml) {
        return SharingPolicy.newBuilder(PolicyDocument.parse(yaml, T0, "admin")).setVersion(version).build();
    }

    private ThreatSignal signal(String id, String origin, Category category, Instant at) {
        var content = Signals.content().setCategory(category).setTitle("signal " + id).build();
        return SignalSigner.signNew(id, origin, origin.toLowerCase() + "-agency", at, content, "default",
                keys.get(origin).getPrivate());
    }

    public static RoutingDecision decision(String id, ThreatSignal signal, String destination, DecisionOutcome outcome,
                                           int policyVersion, List<String> rules, Instant at) {
        return RoutingDecision.newBuilder().setDecisionId(id).setSignalId(signal.getId())
                .setOriginCountry(signal.getOriginCountry()).setDestination(destination).setOutcome(outcome)
                .setPolicyVersion(policyVersion).setRuleIds(rules)
                .setReason(outcome + " by " + (rules.isEmpty() ? "default deny" : String.join(",", rules)))
                .setDecidedAt(at).setContentHash(signal.getContentHash()).setTlp(signal.getContent().getTlp())
                .build();
    }

    private static void chain(List<RoutingDecision> into, List<RoutingDecision> decisions) {
        String prev = HashChain.GENESIS;
        for (RoutingDecision decision : decisions) {
            RoutingDecision sealed = HashChain.seal(decision, prev);
            into.add(sealed);
            prev = sealed.getHash();
        }
    }

    private void chainEvents(List<CaseEvent> events) {
        String prev = HashChain.GENESIS;
        for (CaseEvent event : events) {
            CaseEvent sealed = HashChain.seal(event, prev);
            caseEvents.add(sealed);
            prev = sealed.getHash();
        }
    }

    private static SharedSignal shared(ThreatSignal signal, String destination, String decisionId, int version,
                                       Instant at) {
        return SharedSignal.newBuilder().setSignalId(signal.getId()).setDestination(destination)
                .setOriginCountry(signal.getOriginCountry()).setAttribution(Attribution.COUNTRY)
                .setSubmittedAt(signal.getSubmittedAt()).setSharedAt(at).setContent(signal.getContent())
                .setContentHash(signal.getContentHash()).setPolicyVersion(version).setDecisionId(decisionId)
                .build();
    }

    private static CoordinationSignal coordination(ThreatSignal signal) {
        return Signals.coordination(signal.getOriginCountry()).setSignalId(signal.getId())
                .setCategory(signal.getContent().getCategory()).setLevel(CoordinationLevel.FULL)
                .setSubmittedAt(signal.getSubmittedAt()).build();
    }

    private Escalation escalation() {
        return Escalation.newBuilder().setEscalationId("e1").setCorrelationKey(GROUP).setTier(Tier.SEVERE)
                .setPreviousTier(Tier.ELEVATED).setRules(List.of("two-countries-same-campaign"))
                .setReason("2 countries reported DEEPFAKE_FRAUD within PT1H").setSignalIds(List.of("s1", "s2"))
                .setCountries(List.of("FR", "DE")).setCategories(List.of(Category.DEEPFAKE_FRAUD)).setMaxSeverity(4)
                .setSignalCount(2).setWindow("PT1H").setWindowStart(T0).setWindowEnd(T0.plusSeconds(3600))
                .setEscalatedAt(T0.plusSeconds(180)).build();
    }

    private static CaseEvent caseEvent(long sequence, CaseEventType type, Instant at, String country, String officer) {
        return CaseEvent.newBuilder().setEventId("ev" + sequence).setCaseId(CASE_ID).setSequence(sequence)
                .setType(type).setAt(at).setTier(Tier.SEVERE).setActorCountry(country).setActorOfficer(officer)
                .setDetail(type.name().toLowerCase()).build();
    }

    private EmergencyCase emergencyCase(Instant opened) {
        CaseEvent last = caseEvents.get(caseEvents.size() - 1);
        return EmergencyCase.newBuilder().setCaseId(CASE_ID).setCorrelationKey(GROUP).setTier(Tier.SEVERE)
                .setState(CaseState.ACKNOWLEDGED).setTitle("Voice-clone campaign").setOpenedAt(opened)
                .setUpdatedAt(last.getAt()).setInvolvedCountries(List.of("FR", "DE")).setSignalIds(List.of("s1", "s2"))
                .setLastSequence(last.getSequence()).setLastEventHash(last.getHash()).build();
    }

    private static Notification notification(String id, String officer, String country, Instant at) {
        return Notification.newBuilder().setNotificationId(id).setOfficerId(officer).setCountry(country)
                .setCaseId(CASE_ID).setKind(NotificationKind.CASE_OPENED).setTier(Tier.SEVERE)
                .setTitle("Case opened").setMessage("SEVERE case on " + GROUP).setAsk("acknowledge")
                .setDeadline(at.plusSeconds(3600)).setCreatedAt(at).build();
    }

    private static CaseCommand ack(String id, String country, String officer, Instant at) {
        return CaseCommand.newBuilder().setCommandId(id).setCaseId(CASE_ID).setCountry(country).setOfficerId(officer)
                .setType(CommandType.ACKNOWLEDGE).setIssuedAt(at).build();
    }

    /** members.yaml for the scenario's keys, in the router's format. */
    public String membersYaml() {
        StringBuilder yaml = new StringBuilder("members:\n");
        keys.forEach((country, pair) -> yaml.append("  - code: ").append(country).append("\n    keyId: default\n")
                .append("    publicKey: ").append(Ed25519.encodePublic(pair.getPublic())).append('\n'));
        return yaml.toString();
    }
}
