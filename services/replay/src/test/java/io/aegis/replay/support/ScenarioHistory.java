package io.aegis.replay.support;

import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.domain.Recorded;
import io.aegis.replay.domain.RecordedHistory;

import java.util.List;

/** The scenario as the history loader would decode it from the topics, without a broker. */
public final class ScenarioHistory {

    private ScenarioHistory() {
    }

    public static RecordedHistory of(Scenario scenario) {
        RecordedHistory history = RecordedHistory.empty();
        add(history.signals(), TopicNames.outbox("FR"), 0, List.of(scenario.s1));
        add(history.signals(), TopicNames.outbox("DE"), 0, List.of(scenario.s2));
        add(history.signals(), TopicNames.outbox("JP"), 0, List.of(scenario.s3));
        add(history.decisions(), TopicNames.ROUTING_AUDIT, 0, scenario.auditPartition0);
        add(history.decisions(), TopicNames.ROUTING_AUDIT, 1, scenario.auditPartition1);
        add(history.deliveries(), TopicNames.inbox("DE"), 0, scenario.inboxDe);
        add(history.policies(), TopicNames.POLICIES, 0, scenario.policies);
        add(history.deliveries(), TopicNames.inbox("FR"), 0, scenario.inboxFr);
        add(history.coordination(), TopicNames.COORDINATION_SIGNALS, 0, scenario.coordination);
        add(history.escalations(), TopicNames.ESCALATIONS, 0, List.of(scenario.escalation));
        add(history.cases(), TopicNames.CASES, 0, List.of(scenario.emergencyCase));
        add(history.caseEvents(), TopicNames.CASE_EVENTS, 0, scenario.caseEvents);
        add(history.notifications(), TopicNames.notify("FR"), 0, scenario.notifyFr);
        add(history.notifications(), TopicNames.notify("DE"), 0, scenario.notifyDe);
        add(history.commands(), TopicNames.commands("FR"), 0, scenario.commandsFr);
        add(history.commands(), TopicNames.commands("DE"), 0, scenario.commandsDe);
        add(history.receipts(), TopicNames.RECEIPTS, 0, List.of(scenario.receipt));
        return history;
    }

    private static <T> void add(List<Recorded<T>> into, String topic, int partition, List<T> values) {
        for (int offset = 0; offset < values.size(); offset++) {
            into.add(new Recorded<>(topic, partition, offset, 0L, "k" + offset, values.get(offset)));
        }
    }
}
