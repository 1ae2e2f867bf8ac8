package io.aegis.pipeline;

import static io.aegis.pipeline.Drivers.drain;
import static io.aegis.pipeline.Drivers.driver;
import static io.aegis.pipeline.Drivers.pipe;

import io.aegis.escalation.domain.RulesParser;
import io.aegis.escalation.topology.EscalationTopics;
import io.aegis.escalation.topology.EscalationTopology;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.response.config.ResponseRulesLoader;
import io.aegis.response.config.RosterLoader;
import io.aegis.response.domain.CaseWorkflow;
import io.aegis.response.topology.ResponseTopology;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.routing.CoordinationSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The escalation and response topologies chained on TopologyTestDrivers with the shipped rules
 * ({@code infra/escalation-rules.yaml}, {@code infra/response.yaml}, {@code infra/rosters}): coordination
 * signals go in at their event time, escalations go to the response service, and its case records go
 * back to escalation (a resolved case retires its group). The response's wall clock follows the
 * signals' time, so deadlines and coalesced updates fall due as they would.
 */
final class CaseChain implements AutoCloseable {

    static final List<String> MEMBERS = List.of("FR", "DE", "JP", "BR", "KE");

    private final SerdeFactory serdes = new SerdeFactory(new InMemorySchemaRegistryClient());
    private final Topics topics = new Topics(serdes);
    private final TopologyTestDriver escalation;
    private final TopologyTestDriver response;
    private Instant now;
    private final List<Escalation> escalations = new ArrayList<>();
    private final Map<String, EmergencyCase> cases = new LinkedHashMap<>();
    private final Map<String, List<Notification>> notifications = new LinkedHashMap<>();

    CaseChain(Instant start) {
        this.now = start;
        Path infra = Path.of("../../infra");
        escalation = driver("chain-escalation", EscalationTopology.build(new StreamsBuilder(),
                RulesParser.parse(infra.resolve("escalation-rules.yaml")), EscalationTopics.of(topics)), start);
        CaseWorkflow workflow = new CaseWorkflow(ResponseRulesLoader.load(infra.resolve("response.yaml")),
                RosterLoader.load(infra.resolve("rosters"), MEMBERS), MEMBERS);
        StreamsBuilder builder = new StreamsBuilder();
        ResponseTopology.build(builder, new ResponseTopology.Wiring(topics, serdes,
                workflow, Duration.ofSeconds(1), 1));
        response = driver("chain-response", builder.build(), start);
    }

    /** A coordination signal observed at {@code at} (the clock moves there first), through to its case. */
    CaseChain report(CoordinationSignal signal, Instant at) {
        advanceTo(at);
        pipe(escalation, topics.coordinationSignals(), List.of(new TestRecord<>(signal.getSignalId(), signal, at)));
        flow();
        return this;
    }

    /** A duty officer's command, sent on its country's commands topic now. */
    CaseChain command(CaseCommand command) {
        pipe(response, topics.commands(command.getCountry()), List.of(new TestRecord<>(command.getCaseId(), command, now)));
        flow();
        return this;
    }

    /** Moves the wall clock to {@code at}: due deadlines and coalesced updates go out. */
    CaseChain advanceTo(Instant at) {
        if (at.isAfter(now)) {
            response.advanceWallClockTime(Duration.between(now, at));
            escalation.advanceWallClockTime(Duration.between(now, at));
            now = at;
            flow();
        }
        return this;
    }

    Instant now() {
        return now;
    }

    private void flow() {
        List<TestRecord<String, Escalation>> raised = drain(escalation, topics.escalations());
        raised.forEach(r -> escalations.add(r.value()));
        pipe(response, topics.escalations(), raised);
        List<TestRecord<String, EmergencyCase>> written = drain(response, topics.cases());
        written.forEach(r -> cases.put(r.value().getCaseId(), r.value()));
        pipe(escalation, topics.cases(), written);
        for (String country : MEMBERS) {
            drain(response, topics.notify(country)).forEach(r -> notifications.computeIfAbsent(country, c -> new ArrayList<>())
                    .add(r.value()));
        }
        if (!drain(escalation, topics.escalations()).isEmpty()) {
            throw new IllegalStateException("a case record made escalation escalate");
        }
    }

    /** The coordination centre's latest record of each case, in the order the cases opened. */
    List<EmergencyCase> cases() {
        return List.copyOf(cases.values());
    }

    List<Escalation> escalations() {
        return List.copyOf(escalations);
    }

    /** Every notification to the country's duty officers so far. */
    List<Notification> notifications(String country) {
        return List.copyOf(notifications.getOrDefault(country, List.of()));
    }

    @Override
    public void close() {
        escalation.close();
        response.close();
    }
}
