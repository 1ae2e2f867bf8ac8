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
 * Cursor paging and server-sent-event streams over a cursor-ordered store (inbox,
 * notifications). Invariant: a reader resuming from cursor c (page {@code after} or SSE
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
        NodeStores.Page<T> page = stores.page(store, after, limit, filter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(render).toList());
        body.put("next", page.next());
        return body;
    }

    public <T> Flux<Event<Map<String, Object>>> stream(String store, String eventName, String after, Predicate<T> filter,
                                                     Function<KeyValue<String, T>, Map<String, Object>> render) {
        AtomicReference<String> cursor = new AtomicReference<>(after);
        return Flux.interval(Duration.ZERO, poll)
                .onBackpressureDrop()
                .concatMapIterable(tick -> next(store, cursor, filter))
                .map(kv -> Event.of(render.apply(kv)).id(kv.key).name(eventName));
    }

    private <T> List<KeyValue<String, T>> next(String store, AtomicReference<String> cursor, Predicate<T> filter) {
        try {
            NodeStores.Page<T> page = stores.page(store, cursor.get(), 500, filter);
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
