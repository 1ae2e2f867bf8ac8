package io.aegis.replay.verify;

import io.aegis.kafka.crypto.HashChain;
import io.aegis.replay.domain.Recorded;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.routing.RoutingDecision;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Hash-chain checks: the routing audit per partition, case events per case, and each case state
 * against the event it claims to be at. Reports every broken link, not only the first, so an
 * operator sees the full extent of a tampering. A segment that starts mid-chain is anchored at its
 * first record's own prevHash; a segment that starts at the chain's beginning (audit offset 0,
 * case sequence 1) must start from the empty genesis hash.
 */
final class ChainChecks {

    private ChainChecks() {
    }

    static int auditChains(List<Recorded<RoutingDecision>> decisions, List<Violation> out) {
        Map<Integer, List<Recorded<RoutingDecision>>> byPartition = decisions.stream()
                .sorted(Comparator.comparingLong(Recorded::offset))
                .collect(Collectors.groupingBy(Recorded::partition, LinkedHashMap::new, Collectors.toList()));
        byPartition.values().forEach(chain -> {
            String anchor = chain.get(0).offset() == 0 ? HashChain.GENESIS : chain.get(0).value().getPrevHash();
            walk("audit-chain", chain, anchor, RoutingDecision::getPrevHash, RoutingDecision::getHash, out);
        });
        return decisions.size();
    }

    static int caseChains(List<Recorded<CaseEvent>> events, List<Violation> out) {
        Map<String, List<Recorded<CaseEvent>>> byCase = events.stream()
                .sorted(Comparator.comparingInt((Recorded<CaseEvent> r) -> r.partition()).thenComparingLong(Recorded::offset))
                .collect(Collectors.groupingBy(r -> r.value().getCaseId(), LinkedHashMap::new, Collectors.toList()));
        byCase.values().forEach(chain -> {
            CaseEvent first = chain.get(0).value();
            String anchor = first.getSequence() == 1 ? HashChain.GENESIS : first.getPrevHash();
            walk("case-chain", chain, anchor, CaseEvent::getPrevHash, CaseEvent::getHash, out);
            for (int i = 1; i < chain.size(); i++) {
                long previous = chain.get(i - 1).value().getSequence();
                long current = chain.get(i).value().getSequence();
                if (current != previous + 1) {
                    out.add(new Violation("case-chain", chain.get(i).source(), "case " + first.getCaseId()
                            + " sequence jumps from " + previous + " to " + current + ": events are missing or repeated"));
                }
            }
        });
        return events.size();
    }

    static int caseStates(List<Recorded<EmergencyCase>> cases, List<Recorded<CaseEvent>> events, List<Violation> out) {
        Map<String, CaseEvent> bySequence = new HashMap<>();
        events.forEach(event -> bySequence.put(event.value().getCaseId() + "#" + event.value().getSequence(), event.value()));
        int checked = 0;
        for (Recorded<EmergencyCase> state : cases) {
            CaseEvent event = bySequence.get(state.value().getCaseId() + "#" + state.value().getLastSequence());
            if (event == null) {
                continue;
            }
            checked++;
            if (!event.getHash().equals(state.value().getLastEventHash())) {
                out.add(new Violation("case-state", state.source(), "case " + state.value().getCaseId()
                        + " lastEventHash '" + state.value().getLastEventHash() + "' differs from the hash '"
                        + event.getHash() + "' of its event " + state.value().getLastSequence()));
            }
        }
        return checked;
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> void walk(
            String check, List<Recorded<T>> chain, String anchor, Function<T, String> prevHash,
            Function<T, String> hash, List<Violation> out) {
        String expectedPrev = anchor;
        for (Recorded<T> record : chain) {
            T value = record.value();
            if (!prevHash.apply(value).equals(expectedPrev)) {
                out.add(new Violation(check, record.source(), "prevHash '" + prevHash.apply(value)
                        + "' does not match the hash '" + expectedPrev + "' of the record before it:"
                        + " a record was removed, inserted or reordered"));
            }
            String recomputed = HashChain.expectedHash(value);
            if (!hash.apply(value).equals(recomputed)) {
                out.add(new Violation(check, record.source(), "hash '" + hash.apply(value)
                        + "' does not match its fields, which hash to '" + recomputed + "': the record was modified"));
            }
            expectedPrev = hash.apply(value);
        }
    }
}
