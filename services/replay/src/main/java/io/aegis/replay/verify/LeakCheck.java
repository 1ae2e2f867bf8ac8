package io.aegis.replay.verify;

import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.domain.Recorded;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.SharedSignal;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The independent non-leak check: every copy on {@code aegis.inbox.X} must be backed by a routing
 * decision that allowed that signal to X — same decision id, signal, destination, content hash and
 * policy version, with an allowing outcome. Checked from the topics alone, so it does not trust
 * the router that made the decisions.
 */
final class LeakCheck {

    private static final Set<DecisionOutcome> ALLOWING =
            EnumSet.of(DecisionOutcome.DELIVER, DecisionOutcome.DELIVER_REDACTED, DecisionOutcome.RELEASE);

    private LeakCheck() {
    }

    static int check(List<Recorded<SharedSignal>> deliveries, List<Recorded<RoutingDecision>> decisions,
                     List<Violation> out) {
        Map<String, RoutingDecision> byId = new HashMap<>();
        decisions.forEach(decision -> byId.put(decision.value().getDecisionId(), decision.value()));
        for (Recorded<SharedSignal> recorded : deliveries) {
            String problem = problem(recorded, byId.get(recorded.value().getDecisionId()));
            if (problem != null) {
                out.add(new Violation("non-leak", recorded.source(), problem));
            }
        }
        return deliveries.size();
    }

    private static String problem(Recorded<SharedSignal> recorded, RoutingDecision decision) {
        SharedSignal shared = recorded.value();
        String inboxCountry = TopicNames.countryOf(
                recorded.topic().substring(recorded.topic().lastIndexOf(TopicNames.INBOX_PREFIX)));
        String what = "signal " + shared.getSignalId() + " in the inbox of " + inboxCountry;
        if (!inboxCountry.equals(shared.getDestination())) {
            return what + " is a copy made for " + shared.getDestination();
        }
        if (decision == null) {
            return what + " cites decision " + shared.getDecisionId() + ", which is not in the routing audit";
        }
        if (!ALLOWING.contains(decision.getOutcome())) {
            return what + " but decision " + decision.getDecisionId() + " says " + decision.getOutcome()
                    + " (" + decision.getReason() + ")";
        }
        if (!decision.getSignalId().equals(shared.getSignalId()) || !decision.getDestination().equals(inboxCountry)) {
            return what + " but decision " + decision.getDecisionId() + " allowed signal " + decision.getSignalId()
                    + " to " + decision.getDestination();
        }
        if (decision.getPolicyVersion() != shared.getPolicyVersion()) {
            return what + " states policyVersion " + shared.getPolicyVersion() + " but decision "
                    + decision.getDecisionId() + " was made under version " + decision.getPolicyVersion();
        }
        if (!decision.getContentHash().equals(shared.getContentHash())) {
            return what + " has contentHash " + shared.getContentHash() + " but the decision was about "
                    + decision.getContentHash();
        }
        return null;
    }
}
