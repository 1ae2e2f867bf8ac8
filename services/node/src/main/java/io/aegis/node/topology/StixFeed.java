package io.aegis.node.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.schema.common.Tlp;
import io.aegis.stix.StixSkeleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A TAXII collection's order of signal versions: cursor → the signal's current version, one entry
 * per signal, at the cursor of the event that made that version (its arrival, a downgrade, a
 * retraction). Invariants: re-adding a signal moves it to the new cursor (a reader paging with
 * {@code added_after} sees each new version once, never a stale one); a removed signal leaves no
 * entry (the collection no longer holds it); a revoked entry keeps only the content-free skeleton of
 * what was exported, never content. Values are JSON text: {@code {"signalId", "modified", "revoked",
 * "skeleton"?}} (fields are only ever added, so older entries keep reading).
 */
public final class StixFeed {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeyValueStore<String, String> entries;
    private final KeyValueStore<String, String> index;

    StixFeed(KeyValueStore<String, String> entries, KeyValueStore<String, String> index) {
        this.entries = entries;
        this.index = index;
    }

    /** One entry: the signal, when this version came to be, and for a revoked one what is left of it. */
    public record Entry(String signalId, Instant modified, boolean revoked, StixSkeleton skeleton) {
    }

    /** The signal's version made at {@code modified} is now the collection's, at {@code cursor}. */
    void put(String cursor, String signalId, Instant modified) {
        write(cursor, new Entry(signalId, modified, false, null));
    }

    /** The signal was revoked at {@code modified}; only the skeleton is kept. */
    void revoke(String cursor, StixSkeleton skeleton, Instant modified) {
        write(cursor, new Entry(skeleton.signalId(), modified, true, skeleton));
    }

    /** The collection no longer holds the signal. */
    void remove(String signalId) {
        String earlier = index.delete(signalId);
        if (earlier != null) {
            entries.delete(earlier);
        }
    }

    private void write(String cursor, Entry entry) {
        remove(entry.signalId());
        entries.put(cursor, encode(entry));
        index.put(entry.signalId(), cursor);
    }

    public static String encode(Entry entry) {
        ObjectNode json = JSON.createObjectNode();
        json.put("signalId", entry.signalId());
        json.put("modified", entry.modified().toString());
        json.put("revoked", entry.revoked());
        if (entry.skeleton() != null) {
            StixSkeleton s = entry.skeleton();
            ObjectNode skeleton = json.putObject("skeleton");
            skeleton.put("created", s.created().toString());
            skeleton.put("tlp", s.tlp().name());
            s.objectIds().forEach(skeleton.putArray("objectIds")::add);
        }
        return json.toString();
    }

    public static Entry decode(String text) {
        try {
            JsonNode json = JSON.readTree(text);
            String signalId = json.get("signalId").asText();
            JsonNode s = json.get("skeleton");
            StixSkeleton skeleton = null;
            if (s != null && !s.isNull()) {
                List<String> ids = new ArrayList<>();
                s.get("objectIds").forEach(id -> ids.add(id.asText()));
                skeleton = new StixSkeleton(signalId, Instant.parse(s.get("created").asText()),
                        Tlp.valueOf(s.get("tlp").asText()), ids);
            }
            return new Entry(signalId, Instant.parse(json.get("modified").asText()), json.path("revoked").asBoolean(), skeleton);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable STIX feed entry", e);
        }
    }
}
