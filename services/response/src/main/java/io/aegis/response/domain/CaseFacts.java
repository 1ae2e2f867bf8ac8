package io.aegis.response.domain;

import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.SignalDisclosure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an escalation adds to a case's record: its signals, their need-to-know facts and the
 * reporting countries, each added once (so that a redelivered escalation changes nothing), and the
 * attributes and reason its case events carry. Case events go to aegis.case-events, which only the
 * coordination centre and its operators read, so they may name every signal and country.
 */
final class CaseFacts {

    private CaseFacts() {
    }

    /** Signals of the escalation new to the case, named or known only by their facts (COUNT_ONLY). */
    static List<String> newSignals(EmergencyCase kase, Escalation escalation) {
        List<String> fresh = new ArrayList<>();
        escalation.getSignalIds().stream().filter(id -> !kase.getSignalIds().contains(id)).forEach(fresh::add);
        escalation.getDisclosures().stream().map(SignalDisclosure::getSignalId).filter(id -> !fresh.contains(id))
                .filter(id -> kase.getDisclosures().stream().noneMatch(known -> known.getSignalId().equals(id)))
                .forEach(fresh::add);
        return fresh;
    }

    /** Adds the values not yet present, keeping order, and returns those added. */
    static List<String> addNew(List<String> target, List<String> values) {
        List<String> added = new ArrayList<>();
        for (String value : values) {
            if (!target.contains(value)) {
                target.add(value);
                added.add(value);
            }
        }
        return added;
    }

    static Map<String, String> attributes(Escalation escalation, List<String> obligations) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("escalationId", escalation.getEscalationId());
        attributes.put("correlationKey", escalation.getCorrelationKey());
        attributes.put("rules", String.join(",", escalation.getRules()));
        attributes.put("countries", String.join(",", escalation.getCountries()));
        attributes.put("signalCount", Integer.toString(escalation.getSignalCount()));
        attributes.put("window", escalation.getWindow());
        attributes.put("obligationsStarted", String.join(",", obligations));
        return attributes;
    }

    static String reason(Escalation escalation) {
        return escalation.getReason().isBlank()
                ? "escalation of " + escalation.getCorrelationKey() : escalation.getReason();
    }

    /**
     * Keeps the need-to-know facts of the escalation's signals on the case (the coordination centre's
     * record), and every reporting country; returns how many signals were new to the case.
     */
    static int addDisclosures(EmergencyCase kase, Escalation escalation) {
        Set<String> known = new HashSet<>();
        kase.getDisclosures().forEach(signal -> known.add(signal.getSignalId()));
        List<SignalDisclosure> facts = new ArrayList<>(kase.getDisclosures());
        int added = 0;
        for (SignalDisclosure signal : escalation.getDisclosures()) {
            if (known.add(signal.getSignalId())) {
                facts.add(signal);
                added++;
            }
        }
        kase.setDisclosures(facts);
        List<String> reporters = new ArrayList<>(kase.getReportingCountries());
        addNew(reporters, escalation.getCountries());
        kase.setReportingCountries(reporters.stream().sorted().toList());
        return added;
    }
}
