package io.aegis.node.topology;

import io.aegis.node.domain.SequenceClock;
import io.aegis.node.domain.StixCopies;
import io.aegis.stix.StixExport;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.util.function.Predicate;

/**
 * Retractions and downgrades of signals this country received, as events: each one applied to an
 * inbox item is recorded under a new inbox cursor ({@link StoreNames#INBOX_WITHDRAWALS}) and by
 * signal ({@link StoreNames#INBOX_WITHDRAWAL_INDEX}), so readers resuming from a cursor learn of it
 * in order with the signals. Invariants: a retraction removes the item's content from every view
 * and leaves only the event (the tombstone); an event is recorded only for a signal this node holds
 * (a notice about any other id names nothing) and at most once per notice, whatever the
 * redeliveries, and a retracted signal's copy redelivered later is not stored again; a recorded event carries the origin fields of the copy it withdraws, never more,
 * and no signature; a downgrade only ever narrows the stored copy.
 */
final class InboxWithdrawals {

    private static final ByteBuffer NO_SIGNATURE = ByteBuffer.wrap(new byte[0]);

    private final KeyValueStore<String, SharedSignal> items;
    private final KeyValueStore<String, String> index;
    private final KeyValueStore<String, Retraction> events;
    private final KeyValueStore<String, Retraction> bySignal;
    private final SequenceClock clock;
    private final StixFeed stix;

    InboxWithdrawals(KeyValueStore<String, SharedSignal> items, KeyValueStore<String, String> index,
                     KeyValueStore<String, Retraction> events, KeyValueStore<String, Retraction> bySignal,
                     SequenceClock clock, StixFeed stix) {
        this.items = items;
        this.index = index;
        this.events = events;
        this.bySignal = bySignal;
        this.clock = clock;
        this.stix = stix;
    }

    /** Applies the notice to the stored copy; true when it became a new event. */
    boolean apply(Retraction notice) {
        String cursor = index.get(notice.getSignalId());
        SharedSignal copy = cursor == null ? null : items.get(cursor);
        if (copy == null) {
            return false;
        }
        if (notice.getKind() == RetractionKind.RETRACT) {
            items.delete(cursor);
            index.delete(notice.getSignalId());
        } else if (seen(notice)) {
            return false;
        } else {
            items.put(cursor, narrowed(copy, notice));
        }
        String at = record(attributedAs(copy, notice));
        collect(copy, notice, at);
        return true;
    }

    /**
     * The STIX collection follows: a downgrade is a new version, the origin's retraction a revoked
     * version (kept as a skeleton: the content is gone), and a copy withdrawn because a downgrade no
     * longer allows this country simply leaves the collection.
     */
    private void collect(SharedSignal copy, Retraction notice, String at) {
        if (notice.getKind() == RetractionKind.DOWNGRADE) {
            stix.put(at, notice.getSignalId(), notice.getIssuedAt());
        } else if (StixCopies.retractedByOrigin(notice)) {
            stix.revoke(at, StixExport.skeleton(StixCopies.of(copy, copy.getSharedAt())), notice.getIssuedAt());
        } else {
            stix.remove(notice.getSignalId());
        }
    }

    private static SharedSignal narrowed(SharedSignal copy, Retraction notice) {
        return SharedSignal.newBuilder(copy).setContent(StixCopies.narrowed(copy.getContent(), notice)).build();
    }

    /** Why: the router's notice follows the origin's attribution at retraction time, which may name more than the copy did. */
    private static Retraction attributedAs(SharedSignal copy, Retraction notice) {
        return Retraction.newBuilder(notice).setOriginCountry(copy.getOriginCountry()).setOriginAgency(copy.getOriginAgency())
                .setSignature(NO_SIGNATURE).build();
    }

    /** True once the signal was retracted here: a copy redelivered later must not bring its content back. */
    boolean retracted(String signalId) {
        return recorded(signalId, r -> r.getKind() == RetractionKind.RETRACT);
    }

    /** A redelivered downgrade: one of the same kind issued at the same instant is already recorded. */
    private boolean seen(Retraction notice) {
        return recorded(notice.getSignalId(), r -> r.getKind() == notice.getKind() && r.getIssuedAt().equals(notice.getIssuedAt()));
    }

    private boolean recorded(String signalId, Predicate<Retraction> match) {
        try (KeyValueIterator<String, Retraction> recorded = bySignal.prefixScan(prefix(signalId), new StringSerializer())) {
            while (recorded.hasNext()) {
                if (match.test(recorded.next().value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private String record(Retraction event) {
        String cursor = SequenceClock.cursor(clock.next());
        events.put(cursor, event);
        bySignal.put(prefix(event.getSignalId()) + cursor, event);
        return cursor;
    }

    /** The key prefix of a signal's events in {@link StoreNames#INBOX_WITHDRAWAL_INDEX}. */
    static String prefix(String signalId) {
        return signalId + StoreNames.SEPARATOR;
    }
}
