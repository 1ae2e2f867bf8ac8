package io.aegis.node.topology;

import io.aegis.schema.response.EmergencyCase;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The joint cases this country takes part in, as the response service sends their current state
 * to each involved country's inbox. Invariant: a case whose involved countries do not include this
 * country is never kept.
 */
final class CaseState {

    private final String country;
    private final KeyValueStore<String, EmergencyCase> cases;

    CaseState(String country, KeyValueStore<String, EmergencyCase> cases) {
        this.country = country;
        this.cases = cases;
    }

    void apply(EmergencyCase emergency) {
        if (emergency.getInvolvedCountries().contains(country)) {
            cases.put(emergency.getCaseId(), emergency);
        } else {
            cases.delete(emergency.getCaseId());
        }
    }
}
