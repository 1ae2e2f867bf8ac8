package io.aegis.node.domain;

import io.aegis.policy.TlpLabels;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the inbox feed, shared by pages, the SSE stream, {@code GET /api/v1/inbox/{id}}
 * and inbox webhooks: a signal (the current copy, with its status and downgrades), a retraction
 * (a tombstone: no content) and a downgrade. Invariant: a withdrawal renders no origin field at all,
 * so it can never name more of the origin than the copy it withdraws did (an ANONYMOUS signal stays
 * anonymous whatever the notice carried).
 */
public final class InboxEntries {

    /** SSE event and webhook event names; {@code signal} is the name the stream always used. */
    public static final String SIGNAL = "signal";
    public static final String RETRACTED = "retracted";
    public static final String DOWNGRADED = "downgraded";

    private InboxEntries() {
    }

    /** The event name of a feed value: a {@link SharedSignal} or a {@link Retraction}. */
    public static String eventName(Object value) {
        if (value instanceof Retraction notice) {
            return notice.getKind() == RetractionKind.RETRACT ? RETRACTED : DOWNGRADED;
        }
        return SIGNAL;
    }

    /** A held copy with its downgrades (oldest first): status ACTIVE or DOWNGRADED. */
    public static Map<String, Object> signal(String cursor, SharedSignal copy, List<Retraction> withdrawals) {
        List<Map<String, Object>> downgrades = withdrawals.stream()
                .filter(w -> w.getKind() == RetractionKind.DOWNGRADE).map(InboxEntries::downgrade).toList();
        Map<String, Object> json = head(cursor, copy.getSignalId(), SIGNAL, downgrades.isEmpty() ? "ACTIVE" : "DOWNGRADED");
        json.putAll(AvroJson.toMap(copy));
        json.put("downgrades", downgrades);
        return json;
    }

    /** A retraction or downgrade event of the feed. */
    public static Map<String, Object> withdrawal(String cursor, Retraction notice) {
        if (notice.getKind() == RetractionKind.RETRACT) {
            Map<String, Object> json = head(cursor, notice.getSignalId(), RETRACTED, "RETRACTED");
            json.putAll(tombstoneFields(notice));
            return json;
        }
        Map<String, Object> json = head(cursor, notice.getSignalId(), DOWNGRADED, "DOWNGRADED");
        json.putAll(downgrade(notice));
        return json;
    }

    /** The 410 body of a retracted signal: {@code {"id", "status": "RETRACTED", "reason", "retractedAt"}}. */
    public static Map<String, Object> tombstone(Retraction retraction) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", retraction.getSignalId());
        json.put("status", "RETRACTED");
        json.putAll(tombstoneFields(retraction));
        return json;
    }

    /** One entry of a downgrade history: when, why, and the new label (and recipients, when narrowed). */
    public static Map<String, Object> downgrade(Retraction notice) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("downgradedAt", notice.getIssuedAt().toString());
        json.put("reason", notice.getReason());
        json.put("tlp", notice.getNewTlp() == null ? null : TlpLabels.label(notice.getNewTlp()));
        if (!notice.getNewRecipients().isEmpty()) {
            json.put("recipients", List.copyOf(notice.getNewRecipients()));
        }
        return json;
    }

    private static Map<String, Object> tombstoneFields(Retraction retraction) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reason", retraction.getReason());
        json.put("retractedAt", retraction.getIssuedAt().toString());
        return json;
    }

    private static Map<String, Object> head(String cursor, String id, String event, String status) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (cursor != null) {
            json.put("cursor", cursor);
        }
        json.put("id", id);
        json.put("event", event);
        json.put("status", status);
        return json;
    }
}
