package io.aegis.node.taxii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.node.domain.SequenceClock;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.topology.StixFeed;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KeyValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Pages of a TAXII collection: its objects in the order they were added (definitions first, then
 * each signal's current version at the cursor of the event that made it), after {@code added_after}
 * or a {@code next} position, that match the request's filters. Invariants: a page never holds more
 * than {@code limit} objects and a {@code next} resumes exactly after the last one, also inside a
 * signal's objects; one request looks at no more than {@link NodeStores#MAX_SCAN} entries (a page
 * may come back short with {@code more: true}); {@code more} is false only when nothing is left.
 */
@Singleton
public class CollectionReader {

    private static final int BATCH = 100;
    private final NodeStores stores;
    private final CollectionObjects objects;

    public CollectionReader(NodeStores stores, CollectionObjects objects) {
        this.stores = stores;
        this.objects = objects;
    }

    /** One object of a page, with when it was added to the collection. */
    public record Added(Instant dateAdded, ObjectNode object) {

        /** The object's version: its {@code modified}, else its {@code created}, else when it was added (an SCO). */
        public String version() {
            return object.hasNonNull("modified") ? object.get("modified").asText()
                    : object.hasNonNull("created") ? object.get("created").asText() : TaxiiMedia.timestamp(dateAdded);
        }
    }

    public record Page(List<Added> objects, boolean more, String next) {
    }

    public Page read(TaxiiCollection collection, TaxiiQuery query, BiPredicate<? super ObjectNode, Instant> match) {
        TaxiiQuery.Position start = start(query);
        List<Added> page = new ArrayList<>();
        String last = start.cursor();
        if (start.skip() > 0) {
            String stop = add(page, start.cursor(), objects.of(collection, start.cursor()), start.skip(), query.limit(), match);
            if (stop != null) {
                return new Page(page, true, stop);
            }
        } else if (start.cursor() == null) {
            String stop = add(page, CollectionObjects.HEAD, CollectionObjects.definitions(), 0, query.limit(), match);
            if (stop != null) {
                return new Page(page, true, stop);
            }
            last = CollectionObjects.HEAD;
        }
        int scanned = 0;
        while (page.size() < query.limit() && scanned < NodeStores.MAX_SCAN) {
            NodeStores.Page<String> entries = stores.page(collection.store(), last, BATCH, any -> true);
            if (entries.items().isEmpty()) {
                return new Page(page, false, last);
            }
            for (KeyValue<String, String> entry : entries.items()) {
                scanned++;
                String stop = add(page, entry.key, objects.of(collection, StixFeed.decode(entry.value)), 0,
                        query.limit(), match);
                if (stop != null) {
                    return new Page(page, true, stop);
                }
                last = entry.key;
                if (page.size() >= query.limit()) {
                    break;
                }
            }
        }
        return new Page(page, !stores.page(collection.store(), last, 1, any -> true).items().isEmpty(), last);
    }

    /**
     * Adds the matching objects of one entry from index {@code skip}; returns the position to resume
     * from when the page filled up before the entry's last object, else null.
     */
    private static String add(List<Added> page, String cursor, List<ObjectNode> entry, int skip, int limit,
                              BiPredicate<? super ObjectNode, Instant> match) {
        Instant added = dateAdded(cursor);
        for (int i = skip; i < entry.size(); i++) {
            if (page.size() >= limit) {
                return new TaxiiQuery.Position(cursor, i).token();
            }
            if (match.test(entry.get(i), added)) {
                page.add(new Added(added, entry.get(i)));
            }
        }
        return null;
    }

    private static TaxiiQuery.Position start(TaxiiQuery query) {
        if (query.next() != null) {
            return query.next();
        }
        if (query.addedAfter() == null || query.addedAfter().isBefore(CollectionObjects.DEFINED)) {
            return new TaxiiQuery.Position(null, 0);
        }
        // cursors are microseconds since the epoch: everything after the instant is after its microsecond
        long micros;
        try {
            micros = ChronoUnit.MICROS.between(Instant.EPOCH, query.addedAfter());
        } catch (ArithmeticException e) {
            micros = Long.MAX_VALUE; // after anything a node can have added
        }
        return new TaxiiQuery.Position(SequenceClock.cursor(Math.max(0, micros)), 0);
    }

    /** When the entry at {@code cursor} was added: its cursor's microsecond. */
    public static Instant dateAdded(String cursor) {
        return CollectionObjects.HEAD.equals(cursor) ? CollectionObjects.DEFINED
                : Instant.EPOCH.plus(Long.parseLong(cursor), ChronoUnit.MICROS);
    }
}
