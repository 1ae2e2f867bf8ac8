package io.aegis.node.messaging;

import io.aegis.node.topology.StoreNames;
import io.aegis.node.domain.AvroJson;
import io.aegis.schema.common.AffectedSystem;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a case is about as this member may see it: the campaign ids and affected systems
 * ({@code provider/model}) of the case's signals that this node itself holds — its own reports and
 * the copies in its inbox, each as the origin's policy let this member receive it (redactions and
 * downgrades applied, retracted copies left out). The coordination centre never sends labels: it
 * cannot know what each member's copy of a signal kept, so each member's node derives them from its
 * own copies, and nothing it did not receive can appear.
 */
public final class CaseAbout {

    private CaseAbout() {
    }

    /** {@code {"campaigns": [...], "systems": [...]}}, each sorted and distinct; empty lists when nothing is held. */
    public static Map<String, Object> of(EmergencyCase copy, NodeStores stores) {
        TreeSet<String> campaigns = new TreeSet<>();
        TreeSet<String> systems = new TreeSet<>();
        for (String signalId : copy.getSignalIds()) {
            held(signalId, stores).ifPresent(content -> {
                if (content.getCampaignId() != null && !content.getCampaignId().isBlank()) {
                    campaigns.add(content.getCampaignId());
                }
                for (AffectedSystem system : content.getAffectedSystems()) {
                    systems.add(system.getProvider() + "/" + system.getModel());
                }
            });
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("campaigns", List.copyOf(campaigns));
        about.put("systems", List.copyOf(systems));
        return about;
    }

    /**
     * A notification as JSON, with the {@code about} of the case it concerns as this node holds the case
     * now (no {@code about} when it concerns no case, or a case this node has not received yet).
     */
    public static Map<String, Object> notification(Notification notification, NodeStores stores) {
        Map<String, Object> json = new LinkedHashMap<>(AvroJson.toMap(notification));
        if (notification.getCaseId() != null) {
            stores.<EmergencyCase>get(StoreNames.CASES, notification.getCaseId()).ifPresent(copy -> json.put("about", of(copy, stores)));
        }
        return json;
    }

    /** The case as JSON, with {@code about} added. */
    public static Map<String, Object> view(EmergencyCase copy, NodeStores stores) {
        Map<String, Object> view = new LinkedHashMap<>(AvroJson.toMap(copy));
        view.put("about", of(copy, stores));
        return view;
    }

    /** The content of the signal as this node holds it: its own report, or its current, unretracted inbox copy. */
    private static Optional<SignalContent> held(String signalId, NodeStores stores) {
        Optional<ThreatSignal> own = stores.get(StoreNames.OWN_SIGNALS, signalId);
        if (own.isPresent()) {
            return own.map(ThreatSignal::getContent);
        }
        List<Retraction> withdrawals = stores.prefix(StoreNames.INBOX_WITHDRAWAL_INDEX, signalId + StoreNames.SEPARATOR);
        if (withdrawals.stream().anyMatch(w -> w.getKind() == RetractionKind.RETRACT)) {
            return Optional.empty();
        }
        return stores.<String>get(StoreNames.INBOX_INDEX, signalId)
                .flatMap(cursor -> stores.<SharedSignal>get(StoreNames.INBOX_ITEMS, cursor))
                .map(SharedSignal::getContent);
    }
}
