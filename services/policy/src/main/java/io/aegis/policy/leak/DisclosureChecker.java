package io.aegis.policy.leak;

import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.signal.SharedSignal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Need to know beyond the inbox copies, checked from the evidence alone: what a member's case
 * copies (on its inbox) and notifications (on its notify topic) name must be what its inbox shows
 * it was given. A case copy may name a signal only if that member received a copy of it or
 * published it, a reporting country only if a copy it received named that origin (or it is the
 * member itself), and it carries no per-signal disclosures; a notification may name no signal the
 * member was not given, and its "Reporting countries" no origin the member may not know. It does
 * not use the response service's rendering: a bug there cannot vouch for itself.
 */
public final class DisclosureChecker {

    private static final Pattern REPORTERS = Pattern.compile("Reporting countries: ([A-Z]{2}(?:, [A-Z]{2})*)");

    /** A case state found on a member's inbox. */
    public record CaseCopy(String inboxCountry, String source, EmergencyCase copy) {
    }

    /** A notification found on a member's notify topic. */
    public record NotificationCopy(String country, String source, Notification notification) {
    }

    /** What each member was given, from its inbox copies, and who published each signal (the audit). */
    private final Map<String, Set<String>> received = new HashMap<>();
    private final Map<String, Set<String>> namedOrigins = new HashMap<>();
    private final Map<String, String> originOf;

    /**
     * @param copies   every SharedSignal on every inbox read
     * @param originOf signal id to origin country, for every signal on record (the routing audit)
     */
    public DisclosureChecker(Collection<LeakChecker.InboxCopy> copies, Map<String, String> originOf) {
        this.originOf = Map.copyOf(originOf);
        for (LeakChecker.InboxCopy found : copies) {
            SharedSignal copy = found.copy();
            received.computeIfAbsent(found.inboxCountry(), cc -> new HashSet<>()).add(copy.getSignalId());
            if (copy.getOriginCountry() != null) {
                namedOrigins.computeIfAbsent(found.inboxCountry(), cc -> new HashSet<>()).add(copy.getOriginCountry());
            }
        }
    }

    public List<LeakChecker.Finding> check(Collection<CaseCopy> cases, Collection<NotificationCopy> notifications) {
        List<LeakChecker.Finding> findings = new ArrayList<>();
        for (CaseCopy found : cases) {
            checkCase(found, findings);
        }
        for (NotificationCopy found : notifications) {
            checkNotification(found, findings);
        }
        return List.copyOf(findings);
    }

    private void checkCase(CaseCopy found, List<LeakChecker.Finding> findings) {
        EmergencyCase copy = found.copy();
        String member = found.inboxCountry();
        String id = copy.getCaseId();
        if (copy.getCopyFor() != null && !copy.getCopyFor().equals(member)) {
            findings.add(new LeakChecker.Finding(found.source(), id, "case copy made for " + copy.getCopyFor() + " on the inbox of " + member));
        }
        if (!copy.getDisclosures().isEmpty()) {
            findings.add(new LeakChecker.Finding(found.source(), id, "case copy for " + member
                    + " carries the coordination centre's per-signal disclosures"));
        }
        for (String signalId : copy.getSignalIds()) {
            if (!mayKnow(member, signalId)) {
                findings.add(new LeakChecker.Finding(found.source(), id, "case copy names signal " + signalId
                        + ", which " + member + " neither received nor published"));
            }
        }
        if (copy.getCorrelationKey().startsWith("signal:") && originOf.containsKey(copy.getCorrelationKey().substring(7))
                && !mayKnow(member, copy.getCorrelationKey().substring(7))) {
            findings.add(new LeakChecker.Finding(found.source(), id, "case copy's correlation key names a signal " + member + " was not given"));
        }
        for (String reporter : copy.getReportingCountries()) {
            if (!mayName(member, reporter)) {
                findings.add(new LeakChecker.Finding(found.source(), id, "case copy names " + reporter
                        + " as a reporter, but no copy " + member + " received named that origin"));
            }
        }
    }

    private void checkNotification(NotificationCopy found, List<LeakChecker.Finding> findings) {
        Notification note = found.notification();
        String member = found.country();
        String text = note.getTitle() + "\n" + note.getMessage() + "\n" + note.getAsk();
        for (String signalId : originOf.keySet()) {
            if (text.contains(signalId) && !mayKnow(member, signalId)) {
                findings.add(new LeakChecker.Finding(found.source(), note.getNotificationId(), "notification names signal "
                        + signalId + ", which " + member + " neither received nor published"));
            }
        }
        Matcher reporters = REPORTERS.matcher(text);
        while (reporters.find()) {
            for (String reporter : reporters.group(1).split(", ")) {
                if (!mayName(member, reporter)) {
                    findings.add(new LeakChecker.Finding(found.source(), note.getNotificationId(), "notification names "
                            + reporter + " as a reporting country, but no copy " + member + " received named that origin"));
                }
            }
        }
    }

    private boolean mayKnow(String member, String signalId) {
        return member.equals(originOf.get(signalId)) || received.getOrDefault(member, Set.of()).contains(signalId);
    }

    private boolean mayName(String member, String country) {
        return member.equals(country) || namedOrigins.getOrDefault(member, Set.of()).contains(country);
    }
}
