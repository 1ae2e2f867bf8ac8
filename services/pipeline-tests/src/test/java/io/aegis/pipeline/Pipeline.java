package io.aegis.pipeline;

import static io.aegis.pipeline.Drivers.drain;
import static io.aegis.pipeline.Drivers.driver;
import static io.aegis.pipeline.Drivers.pipe;

import io.aegis.policy.Member;
import io.aegis.policy.Members;
import io.aegis.escalation.domain.RulesParser;
import io.aegis.escalation.topology.EscalationTopics;
import io.aegis.escalation.topology.EscalationTopology;
import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.crypto.SignalSigner;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.response.domain.CaseWorkflow;
import io.aegis.response.domain.DutyOfficer;
import io.aegis.response.domain.ResponseSettings;
import io.aegis.response.domain.Roster;
import io.aegis.response.domain.Rosters;
import io.aegis.response.topology.ResponseTopology;
import io.aegis.router.topology.RouterSettings;
import io.aegis.router.topology.RouterTopology;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The router, escalation and response topologies, each on its own TopologyTestDriver, chained: each
 * topology's output records are fed, with their keys and timestamps, to the next one's input. All
 * three share one wall clock, which never moves: embargoed copies stay embargoed.
 */
final class Pipeline implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final byte[] NETWORK_KEY = "pipeline-network-key-0123456789ab".getBytes(StandardCharsets.UTF_8);
    private static final String RULES = """
            windows: {short: PT1H, long: PT24H}
            correlation: {resolution: PT1M, groupRetention: P3D}
            rules:
              - {id: any-report, tier: SEVERE, window: short, when: {minSignals: 1}}
              - {id: three-countries, tier: CRITICAL, window: short, when: {minCountries: 3}}
            """;

    private final SerdeFactory serdes = new SerdeFactory(new InMemorySchemaRegistryClient());
    private final Topics topics = new Topics(serdes);
    private final List<String> members;
    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final TopologyTestDriver router;
    private final TopologyTestDriver escalation;
    private final TopologyTestDriver response;
    /** Case records flow() passed on to escalation, not yet read by {@link #centreCases}. */
    private final List<TestRecord<String, EmergencyCase>> centre = new ArrayList<>();

    Pipeline(List<String> members) {
        this.members = List.copyOf(members);
        List<Member> list = new ArrayList<>();
        for (String cc : members) {
            KeyPair pair = Ed25519.generate();
            keys.put(cc, pair);
            list.add(new Member(cc, cc, "test", "k1", Ed25519.encodePublic(pair.getPublic())));
        }
        router = driver("pipeline-router", RouterTopology.build(new StreamsBuilder(), new Members(list, Map.of()), topics,
                new RouterSettings("aegis-router", 1, Duration.ofSeconds(1), NETWORK_KEY)), NOW);
        escalation = driver("pipeline-escalation", EscalationTopology.build(new StreamsBuilder(),
                RulesParser.parse("pipeline rules", RULES), EscalationTopics.of(topics)), NOW);
        CaseWorkflow workflow = new CaseWorkflow(ResponseSettings.defaults(), rosters(members), members);
        StreamsBuilder builder = new StreamsBuilder();
        ResponseTopology.build(builder, new ResponseTopology.Wiring(topics, serdes, workflow, Duration.ofSeconds(1), 1));
        response = driver("pipeline-response", builder.build(), NOW);
    }

    void policy(SharingPolicy policy) {
        pipe(router, topics.policies(), List.of(new TestRecord<>(policy.getCountry(), policy, NOW)));
    }

    ThreatSignal publish(String id, String origin, SignalContent content) {
        ThreatSignal signal = SignalSigner.signNew(id, origin, origin.toLowerCase() + "-agency", NOW, content, "k1",
                keys.get(origin).getPrivate());
        pipe(router, topics.outbox(origin), List.of(new TestRecord<>(id, new OutboxEvent(signal), NOW)));
        return signal;
    }

    /**
     * The origin retracts its signal, or downgrades it to {@code newTlp} (and {@code newRecipients},
     * empty to keep the signal's own), signed by the origin.
     */
    void retract(ThreatSignal signal, io.aegis.schema.signal.RetractionKind kind, io.aegis.schema.common.Tlp newTlp,
                 List<String> newRecipients) {
        io.aegis.schema.signal.Retraction unsigned = io.aegis.schema.signal.Retraction.newBuilder()
                .setSignalId(signal.getId()).setKind(kind).setIssuedAt(NOW).setReason("pipeline " + kind)
                .setNewTlp(newTlp).setNewRecipients(newRecipients)
                .setOriginCountry(signal.getOriginCountry()).setOriginAgency(signal.getOriginAgency())
                .setKeyId(signal.getKeyId()).setSignature(java.nio.ByteBuffer.allocate(0)).build();
        io.aegis.schema.signal.Retraction signed = SignalSigner.sign(unsigned, keys.get(signal.getOriginCountry()).getPrivate());
        pipe(router, topics.outbox(signal.getOriginCountry()),
                List.of(new TestRecord<>(signal.getId(), new OutboxEvent(signed), NOW)));
    }

    /**
     * Moves what the router told coordination through escalation, its escalations through response, and
     * the response's case records back to escalation (a resolved case retires its group).
     */
    void flow() {
        pipe(escalation, topics.coordinationSignals(), drain(router, topics.coordinationSignals()));
        pipe(response, topics.escalations(), drain(escalation, topics.escalations()));
        List<TestRecord<String, EmergencyCase>> cases = drain(response, topics.cases());
        centre.addAll(cases);
        pipe(escalation, topics.cases(), cases);
    }

    /** Signal copies the router wrote to a member's inbox (shared signals only, not the origin's reports). */
    List<io.aegis.schema.signal.SharedSignal> signalCopies(String country) {
        return drain(router, topics.inbox(country)).stream().map(TestRecord::value).map(InboxEvent::getPayload)
                .filter(io.aegis.schema.signal.SharedSignal.class::isInstance).map(io.aegis.schema.signal.SharedSignal.class::cast)
                .toList();
    }

    /** Case copies on a member's inbox (written by the response service). */
    List<EmergencyCase> caseCopies(String country) {
        return drain(response, topics.inbox(country)).stream().map(TestRecord::value).map(InboxEvent::getPayload)
                .map(EmergencyCase.class::cast).toList();
    }

    List<Notification> notifications(String country) {
        return drain(response, topics.notify(country)).stream().map(TestRecord::value).toList();
    }

    /** The coordination centre's own case records. */
    List<EmergencyCase> centreCases() {
        List<TestRecord<String, EmergencyCase>> cases = new ArrayList<>(centre);
        centre.clear();
        cases.addAll(drain(response, topics.cases()));
        return cases.stream().map(TestRecord::value).toList();
    }

    private static Rosters rosters(List<String> members) {
        List<Roster> rosters = new ArrayList<>();
        for (String cc : members) {
            Map<Tier, List<DutyOfficer>> levels = new EnumMap<>(Tier.class);
            for (Tier tier : List.of(Tier.ELEVATED, Tier.SEVERE, Tier.CRITICAL)) {
                levels.put(tier, List.of(new DutyOfficer(cc.toLowerCase() + "-duty", cc + " duty", ZoneOffset.UTC)));
            }
            rosters.add(new Roster(cc, levels));
        }
        return new Rosters(rosters);
    }

    @Override
    public void close() {
        router.close();
        escalation.close();
        response.close();
    }
}
