package io.aegis.node.api;

import io.aegis.node.domain.InboxEntries;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.topology.StoreNames;
import io.aegis.policy.TlpLabels;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signals a case names, as this node holds them: its own reports ({@code OWN}) and the copies in
 * its inbox ({@code ACTIVE} or {@code DOWNGRADED}, read through {@link InboxCopies}), each with what
 * the copy says (title, category, severity, TLP) and its inbox cursor and console link; a retracted
 * one as its tombstone only ({@code RETRACTED}: no content, as the inbox shows it); one named but not
 * held ({@code NOT_HELD}: not arrived yet, or never shared with this member) by its id only.
 * Invariants: nothing is read but this node's own stores; a copy's origin is named only as the copy
 * names it (no country for an ANONYMOUS one, an agency only for an AGENCY one), and a withdrawal never
 * adds an origin.
 */
@Singleton
public class CaseSignals {

    private final NodeStores stores;
    private final InboxCopies inbox;

    public CaseSignals(NodeStores stores, InboxCopies inbox) {
        this.stores = stores;
        this.inbox = inbox;
    }

    /** One entry per signal id the copy names, in the copy's order. */
    public List<Map<String, Object>> of(EmergencyCase copy) {
        return copy.getSignalIds().stream().map(this::signal).toList();
    }

    private Map<String, Object> signal(String signalId) {
        Optional<ThreatSignal> own = stores.get(StoreNames.OWN_SIGNALS, signalId);
        if (own.isPresent()) {
            Map<String, Object> json = head(signalId, "OWN", own.get().getContent());
            json.put("originCountry", own.get().getOriginCountry());
            json.put("originAgency", own.get().getOriginAgency());
            return json;
        }
        List<Retraction> withdrawals = inbox.withdrawals(signalId);
        Optional<Retraction> retracted = withdrawals.stream().filter(w -> w.getKind() == RetractionKind.RETRACT).findFirst();
        if (retracted.isPresent()) {
            return new LinkedHashMap<>(InboxEntries.tombstone(retracted.get()));
        }
        return inbox.held(signalId).map(held -> copy(held.key, held.value, withdrawals)).orElseGet(() -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", signalId);
            json.put("status", "NOT_HELD");
            return json;
        });
    }

    private static Map<String, Object> copy(String cursor, SharedSignal shared, List<Retraction> withdrawals) {
        boolean downgraded = withdrawals.stream().anyMatch(w -> w.getKind() == RetractionKind.DOWNGRADE);
        Map<String, Object> json = head(shared.getSignalId(), downgraded ? "DOWNGRADED" : "ACTIVE", shared.getContent());
        Attribution attribution = shared.getAttribution();
        json.put("attribution", attribution.name());
        if (attribution != Attribution.ANONYMOUS && shared.getOriginCountry() != null) {
            json.put("originCountry", shared.getOriginCountry());
        }
        if (attribution == Attribution.AGENCY && shared.getOriginAgency() != null) {
            json.put("originAgency", shared.getOriginAgency());
        }
        json.put("sharedAt", shared.getSharedAt().toString());
        json.put("cursor", cursor);
        json.put("link", "#inbox/" + shared.getSignalId());
        return json;
    }

    private static Map<String, Object> head(String signalId, String status, SignalContent content) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", signalId);
        json.put("status", status);
        json.put("title", content.getTitle());
        json.put("category", content.getCategory().name());
        json.put("severity", content.getSeverity());
        json.put("tlp", TlpLabels.label(content.getTlp()));
        return json;
    }
}
