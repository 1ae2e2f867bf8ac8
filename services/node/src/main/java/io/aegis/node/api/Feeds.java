package io.aegis.node.api;

import io.aegis.node.config.NodeConfig;
import io.aegis.node.domain.InvalidRequestException;
import io.aegis.node.domain.SequenceClock;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.messaging.StoreUnavailableException;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KeyValue;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Cursor paging and server-sent-event streams over a cursor-ordered store (notifications), or
 * several merged as one feed (the inbox: items and withdrawal events, cursors of one clock).
 * Invariant: a reader resuming from cursor c (page {@code after} or SSE
 * {@code Last-Event-ID}) gets every item stored after c, in order, each exactly once.
 */
@Singleton
public class Feeds {

    public static final int MAX_LIMIT = 1000;
    private final NodeStores stores;
    private final Duration poll;

    public Feeds(NodeStores stores, NodeConfig config) {
        this.stores = stores;
        this.poll = config.streamPoll();
    }

    static String cursor(String field, String value) {
        if (value != null && !value.isEmpty() && !SequenceClock.isCursor(value)) {
            throw new InvalidRequestException(field, "must be a cursor returned by this node");
        }
        return value == null || value.isEmpty() ? null : value;
    }

    static int limit(Integer limit) {
        int value = limit == null ? 100 : limit;
        if (value < 1 || value > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be from 1 to " + MAX_LIMIT);
        }
        return value;
    }

    public <T> Map<String, Object> page(String store, String after, int limit, Predicate<T> filter,
                                        Function<KeyValue<String, T>, Map<String, Object>> render) {
        return page(List.of(store), after, limit, filter, render);
    }

    /** One page of several cursor-ordered stores merged as one feed (see {@link NodeStores#page(List, String, int, Predicate)}). */
    public <T> Map<String, Object> page(List<String> stores, String after, int limit, Predicate<T> filter,
                                        Function<KeyValue<String, T>, Map<String, Object>> render) {
        NodeStores.Page<T> page = this.stores.page(stores, after, limit, filter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(render).toList());
        body.put("next", page.next());
        return body;
    }

    public <T> Flux<Event<Map<String, Object>>> stream(String store, String eventName, String after, Predicate<T> filter,
                                                     Function<KeyValue<String, T>, Map<String, Object>> render) {
        return stream(List.of(store), kv -> eventName, after, filter, render);
    }

    /** Events of several cursor-ordered stores merged as one feed, each named by {@code eventName}. */
    public <T> Flux<Event<Map<String, Object>>> stream(List<String> stores, Function<KeyValue<String, T>, String> eventName,
                                                     String after, Predicate<T> filter,
                                                     Function<KeyValue<String, T>, Map<String, Object>> render) {
        AtomicReference<String> cursor = new AtomicReference<>(after);
        return Flux.interval(Duration.ZERO, poll)
                .onBackpressureDrop()
                .concatMapIterable(tick -> next(stores, cursor, filter))
                .map(kv -> Event.of(render.apply(kv)).id(kv.key).name(eventName.apply(kv)));
    }

    private <T> List<KeyValue<String, T>> next(List<String> stores, AtomicReference<String> cursor, Predicate<T> filter) {
        try {
            NodeStores.Page<T> page = this.stores.page(stores, cursor.get(), 500, filter);
            if (page.next() != null) {
                cursor.set(page.next());
            }
            return page.items();
        } catch (StoreUnavailableException e) {
            // The store is restoring; the next tick tries again from the same cursor.
            return List.of();
        }
    }
}
