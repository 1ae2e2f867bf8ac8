package io.aegis.escalation.topology;

import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import java.util.Objects;

/**
 * The topics the escalation topology reads and writes. The service uses the live catalogue
 * ({@link #of(Topics)}); the replay CLI passes its own (e.g. a recorded copy and a what-if output).
 *
 * @param signals     coordination signals in (correlation key → signal)
 * @param escalations escalations out (correlation group → escalation)
 * @param cases       the response service's cases in (case id → case): a resolved case retires its group
 */
public record EscalationTopics(Topic<String, CoordinationSignal> signals, Topic<String, Escalation> escalations,
                               Topic<String, EmergencyCase> cases) {

    public EscalationTopics {
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(escalations, "escalations");
        Objects.requireNonNull(cases, "cases");
    }

    /** {@code aegis.coordination.signals} and {@code aegis.cases} in, {@code aegis.escalations} out. */
    public static EscalationTopics of(Topics topics) {
        return new EscalationTopics(topics.coordinationSignals(), topics.escalations(), topics.cases());
    }
}
