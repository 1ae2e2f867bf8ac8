package io.aegis.response.domain;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Acknowledgement;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.SignalDisclosure;
import io.aegis.schema.response.Vote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Need to know on the case path: what one member may read about a case. A member learns a signal's
 * id only where the origin's policy delivered that signal to it (an embargoed copy only once its
 * embargo has ended) or where it is the origin; it learns the origin country only as its copy named
 * it (never for ANONYMOUS origins), and never anything of a COUNT_ONLY signal but its own. Everything
 * else is counted, not named. Involved countries are named to a member only where that names no
 * reporter it may not know: the member itself, the reporters it may know, countries that acted on
 * the case in their own name (acknowledged, proposed, voted, commented), or everyone at CRITICAL, where every
 * member takes part. A copy holds the case-wide regulatory clocks and the member's own, never another
 * country's (a per-country clock names a reporting country the member may not know). The coordination
 * centre's own record keeps every fact, and the coalescing state of update notifications (pending
 * signal ids and countries), which no copy carries.
 */
public final class CaseCopies {

    private CaseCopies() {
    }

    /** The copy of {@code kase} written to {@code country}'s inbox, as of the case's last update. */
    public static EmergencyCase forMember(EmergencyCase kase, String country) {
        Instant at = kase.getUpdatedAt();
        List<SignalDisclosure> visible = visible(kase, country, at);
        List<String> reporters = reporters(visible, country);
        EmergencyCase copy = EmergencyCase.newBuilder(kase).build();
        copy.setCopyFor(country);
        copy.setSignalIds(visible.stream().map(SignalDisclosure::getSignalId).toList());
        copy.setReportingCountries(reporters);
        copy.setUnnamedSignalCount(signalCount(kase) - visible.size());
        copy.setInvolvedCount(kase.getInvolvedCountries().size());
        copy.setInvolvedCountries(involved(kase, country, reporters));
        copy.setDisclosures(new ArrayList<>());
        copy.setPendingUpdateSignals(new ArrayList<>());
        copy.setPendingUpdateCountries(new ArrayList<>());
        copy.setObligations(copy.getObligations().stream()
                .filter(clock -> clock.getCountry() == null || clock.getCountry().equals(country)).toList());
        copy.setCorrelationKey(maskedKey(kase.getCorrelationKey(), visible));
        copy.setTitle(titleFor(kase, country, at));
        return copy;
    }

    /**
     * The case title as {@code country} may read it, as of {@code at}. Titles name no country or
     * signal ({@link CaseHeadline}); a correlation key naming a signal the reader may not know is
     * masked all the same, should a reason quote it.
     */
    public static String titleFor(EmergencyCase kase, String country, Instant at) {
        String masked = maskedKey(kase.getCorrelationKey(), visible(kase, country, at));
        return kase.getTitle().replace(kase.getCorrelationKey(), masked);
    }

    /**
     * How {@code country} may name one signal of the case as of {@code at}: its id, with its origin
     * where that may be named ("sig-1 from FR"); empty when it may not know the signal (or the case
     * has no facts on it), so that it is only counted.
     */
    static Optional<String> signalNamedTo(EmergencyCase kase, String signalId, String country, Instant at) {
        return kase.getDisclosures().stream()
                .filter(signal -> signal.getSignalId().equals(signalId) && mayKnow(signal, country, at))
                .findFirst()
                .map(signal -> reporters(List.of(signal), country).isEmpty()
                        ? signalId : signalId + " from " + signal.getOriginCountry());
    }

    /** The involved countries {@code country} may see named, as of {@code at} (the rule of member copies). */
    static List<String> involvedNamedTo(EmergencyCase kase, String country, Instant at) {
        return involved(kase, country, reporters(visible(kase, country, at), country));
    }

    /** The sentence on reporters a notification to {@code country} carries, as of {@code at}. */
    public static String reportersText(EmergencyCase kase, String country, Instant at) {
        List<SignalDisclosure> visible = visible(kase, country, at);
        List<String> reporters = reporters(visible, country);
        int unnamed = signalCount(kase) - visible.size();
        String named = "Reporting countries: " + (reporters.isEmpty() ? "none you may know" : String.join(", ", reporters));
        return unnamed == 0 ? named : named + "; " + unnamed + " further report(s) from members who did not share them with you";
    }

    /** Whether {@code country} may know this signal, as of {@code at}. */
    static boolean mayKnow(SignalDisclosure signal, String country, Instant at) {
        if (signal.getOriginCountry().equals(country)) {
            return true;
        }
        if (signal.getCountOnly()) {
            return false;
        }
        for (Delivery delivery : signal.getAudience()) {
            if (delivery.getCountry().equals(country)
                    && (delivery.getReleasedAt() == null || !delivery.getReleasedAt().isAfter(at))) {
                return true;
            }
        }
        return false;
    }

    private static List<SignalDisclosure> visible(EmergencyCase kase, String country, Instant at) {
        return kase.getDisclosures().stream().filter(signal -> mayKnow(signal, country, at)).toList();
    }

    /** Origins a reader may know: its own, and those its copies named (never ANONYMOUS ones). */
    private static List<String> reporters(List<SignalDisclosure> visible, String country) {
        Set<String> reporters = new TreeSet<>();
        for (SignalDisclosure signal : visible) {
            if (signal.getOriginCountry().equals(country) || signal.getAttribution() != Attribution.ANONYMOUS) {
                reporters.add(signal.getOriginCountry());
            }
        }
        return new ArrayList<>(reporters);
    }

    /** Every signal of the case: those with facts and those named before facts existed. */
    private static int signalCount(EmergencyCase kase) {
        Set<String> ids = new LinkedHashSet<>(kase.getSignalIds());
        kase.getDisclosures().forEach(signal -> ids.add(signal.getSignalId()));
        return ids.size();
    }

    private static List<String> involved(EmergencyCase kase, String country, List<String> reporters) {
        if (kase.getTier() == Tier.CRITICAL) {
            return new ArrayList<>(kase.getInvolvedCountries());
        }
        Set<String> named = new TreeSet<>(reporters);
        named.add(country);
        kase.getAcknowledgements().stream().map(Acknowledgement::getCountry).forEach(named::add);
        kase.getComments().stream().map(io.aegis.schema.response.CaseComment::getCountry).forEach(named::add);
        for (JointAction action : kase.getActions()) {
            named.add(action.getProposedByCountry());
            action.getVotes().stream().map(Vote::getCountry).forEach(named::add);
        }
        named.retainAll(kase.getInvolvedCountries());
        return new ArrayList<>(named);
    }

    /** A group founded by a lone signal is keyed by its id: not named to a reader who may not know it. */
    private static String maskedKey(String key, List<SignalDisclosure> visible) {
        if (!key.startsWith("signal:")) {
            return key;
        }
        String id = key.substring("signal:".length());
        return visible.stream().anyMatch(signal -> signal.getSignalId().equals(id)) ? key : "signal:(not shared with you)";
    }
}
