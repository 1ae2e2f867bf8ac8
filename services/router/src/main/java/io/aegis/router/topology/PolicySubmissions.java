package io.aegis.router.topology;

import io.aegis.policy.PolicyValidator;
import io.aegis.policy.Violation;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.router.domain.PolicyVersions;
import io.aegis.schema.routing.PolicyStatus;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policies that members submit on their own outbox. The outbox proves the submitter's country,
 * so no node needs write access to {@code aegis.policies}: the router validates the policy
 * against the member list, assigns the next version, publishes it, and answers the origin on its
 * inbox (accepted with the version, or rejected naming every violation). Invariants: a policy for
 * country X is only ever taken from X's outbox; versions only grow (they continue from the
 * higher of this task's last accepted version and the one on the topic, which policy files may
 * have raised); a rejected policy changes nothing.
 */
final class PolicySubmissions {

    private static final Logger LOG = LoggerFactory.getLogger(PolicySubmissions.class);

    private final PolicyValidator validator;
    private final PolicyLookup published;
    private final KeyValueStore<String, SharingPolicy> accepted;
    private final RetractionRouting.Outputs out;

    PolicySubmissions(PolicyValidator validator, PolicyLookup published, KeyValueStore<String, SharingPolicy> accepted,
                      RetractionRouting.Outputs out) {
        this.validator = validator;
        this.published = published;
        this.accepted = accepted;
        this.out = out;
    }

    /** Handles one submission; a present result is a reason to dead-letter the record instead. */
    Optional<String> apply(String topic, String key, SharingPolicy submitted, Instant now) {
        String origin = TopicNames.countryOf(topic);
        if (!origin.equals(submitted.getCountry())) {
            return Optional.of("forged origin: " + topic + " may only carry policies of " + origin
                    + ", the policy is for " + submitted.getCountry());
        }
        if (!TopicNames.POLICY_KEY.equals(key)) {
            return Optional.of("record key '" + key + "' of a policy submission must be '" + TopicNames.POLICY_KEY + "'");
        }
        SharingPolicy current = current(origin);
        SharingPolicy candidate = SharingPolicy.newBuilder(PolicyVersions.nextVersion(submitted, current))
                .setUpdatedAt(now).build();
        List<Violation> violations = validator.validate(candidate);
        if (!violations.isEmpty()) {
            LOG.info("rejected policy submitted by {} for {}: {}", submitted.getUpdatedBy(), origin, violations);
            answer(origin, PolicyVersions.answer(origin, current, violations, submitted.getUpdatedBy(), now));
            return Optional.empty();
        }
        accepted.put(origin, candidate);
        out.emit(new Routed.ToPolicies(candidate));
        answer(origin, PolicyVersions.answer(origin, candidate, List.of(), submitted.getUpdatedBy(), now));
        LOG.info("accepted policy {} v{} submitted by {}", origin, candidate.getVersion(), submitted.getUpdatedBy());
        return Optional.empty();
    }

    private SharingPolicy current(String country) {
        SharingPolicy mine = accepted.get(country);
        SharingPolicy topic = published.current(country);
        if (mine == null) {
            return topic;
        }
        return topic != null && topic.getVersion() > mine.getVersion() ? topic : mine;
    }

    private void answer(String origin, PolicyStatus status) {
        out.emit(new Routed.ToInbox(origin, new InboxEvent(status)));
    }
}
