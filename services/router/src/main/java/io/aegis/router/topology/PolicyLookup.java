package io.aegis.router.topology;

import io.aegis.policy.Members;
import io.aegis.policy.PolicyValidator;
import io.aegis.policy.Violation;
import io.aegis.schema.routing.SharingPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an origin's current policy from the global policy store. A policy that fails validation
 * (it should never reach the topic, but the topic is not trusted blindly) counts as no policy, so
 * the engine withholds everything: failing closed keeps the no-leak guarantee.
 */
final class PolicyLookup {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyLookup.class);

    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<SharingPolicy>> store;
    private final PolicyValidator validator;
    private final Map<String, Boolean> validity = new HashMap<>();

    PolicyLookup(ReadOnlyKeyValueStore<String, ValueAndTimestamp<SharingPolicy>> store, Members members) {
        this.store = store;
        this.validator = new PolicyValidator(members);
    }

    /** The origin's current valid policy, or null. */
    SharingPolicy current(String origin) {
        ValueAndTimestamp<SharingPolicy> stored = store.get(origin);
        if (stored == null || stored.value() == null) {
            return null;
        }
        SharingPolicy policy = stored.value();
        boolean valid = validity.computeIfAbsent(origin + "@" + policy.getVersion() + "@" + policy.getUpdatedAt(), k -> {
            List<Violation> violations = policy.getCountry().equals(origin)
                    ? validator.validate(policy)
                    : List.of(new Violation("country", "policy stored under key " + origin + " names country " + policy.getCountry()));
            if (!violations.isEmpty()) {
                LOG.error("ignoring invalid policy {} v{} (everything withheld): {}", origin, policy.getVersion(), violations);
            }
            return violations.isEmpty();
        });
        return valid ? policy : null;
    }
}
