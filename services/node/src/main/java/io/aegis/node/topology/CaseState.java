package io.aegis.node.topology;

import io.aegis.schema.response.EmergencyCase;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The joint cases this country takes part in, as the response service sends their current state
 * to each involved country's inbox, and every copy received of each (its history, from which the
 * case timeline is derived). Invariant: a case whose involved countries do not include this
 * country is never kept, and neither is any of its history: a copy that no longer involves this
 * country deletes the case and every copy held of it.
 */
final class CaseState {

    private final String country;
    private final KeyValueStore<String, EmergencyCase> cases;
    private final KeyValueStore<String, EmergencyCase> history;

    CaseState(String country, KeyValueStore<String, EmergencyCase> cases, KeyValueStore<String, EmergencyCase> history) {
        this.country = country;
        this.cases = cases;
        this.history = history;
    }

    void apply(EmergencyCase emergency) {
        if (emergency.getInvolvedCountries().contains(country)) {
            cases.put(emergency.getCaseId(), emergency);
            history.put(StoreNames.caseHistoryKey(emergency.getCaseId(), emergency.getLastSequence()), emergency);
        } else {
            cases.delete(emergency.getCaseId());
            forget(emergency.getCaseId());
        }
    }

    private void forget(String caseId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, EmergencyCase> it = history.prefixScan(caseId + StoreNames.SEPARATOR, new StringSerializer())) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(history::delete);
    }
}
