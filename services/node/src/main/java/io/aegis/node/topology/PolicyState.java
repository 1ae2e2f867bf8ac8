package io.aegis.node.topology;

import io.aegis.schema.routing.PolicyStatus;
import io.aegis.schema.routing.SharingPolicy;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * This country's sharing policy as the router answered it on the inbox: the policy in force
 * (under the country code) and the answer to the latest submission (under
 * {@link StoreNames#LATEST_SUBMISSION}). Invariant: a lower version never replaces a higher one.
 */
final class PolicyState {

    private final String country;
    private final KeyValueStore<String, SharingPolicy> policy;
    private final KeyValueStore<String, PolicyStatus> submissions;

    PolicyState(String country, KeyValueStore<String, SharingPolicy> policy, KeyValueStore<String, PolicyStatus> submissions) {
        this.country = country;
        this.policy = policy;
        this.submissions = submissions;
    }

    void apply(PolicyStatus status) {
        if (!country.equals(status.getCountry())) {
            return;
        }
        PolicyStatus latest = submissions.get(StoreNames.LATEST_SUBMISSION);
        if (latest == null || !status.getDecidedAt().isBefore(latest.getDecidedAt())) {
            submissions.put(StoreNames.LATEST_SUBMISSION, status);
        }
        SharingPolicy inForce = status.getPolicy();
        if (inForce == null || !country.equals(inForce.getCountry())) {
            return;
        }
        SharingPolicy current = policy.get(country);
        if (current == null || inForce.getVersion() >= current.getVersion()) {
            policy.put(country, inForce);
        }
    }
}
