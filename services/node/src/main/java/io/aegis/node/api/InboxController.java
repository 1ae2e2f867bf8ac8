package io.aegis.node.api;

import io.aegis.node.domain.AvroJson;
import io.aegis.node.domain.InvalidRequestException;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.signal.SharedSignal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.kafka.streams.KeyValue;
import org.reactivestreams.Publisher;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Signals shared with this country, oldest first: cursor pages, one item, and an SSE stream. */
@Controller("/api/v1/inbox")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "inbox")
public class InboxController {

    private final Feeds feeds;
    private final NodeStores stores;

    public InboxController(Feeds feeds, NodeStores stores) {
        this.feeds = feeds;
        this.stores = stores;
    }

    @Operation(summary = "Inbox page: items after the cursor, filtered by category, sector, minSeverity, since")
    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Map<String, Object> list(@QueryValue @Nullable String after, @QueryValue @Nullable Integer limit,
                                    @QueryValue @Nullable String category, @QueryValue @Nullable String sector,
                                    @QueryValue @Nullable Integer minSeverity, @QueryValue @Nullable String since) {
        return feeds.page(StoreNames.INBOX_ITEMS, Feeds.cursor("after", after), Feeds.limit(limit),
                filter(category, sector, minSeverity, since), InboxController::render);
    }

    @Operation(summary = "Server-sent events of inbox items, resumable with Last-Event-ID")
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Map<String, Object>>> stream(@Header("Last-Event-ID") @Nullable String lastEventId,
                                                        @QueryValue @Nullable String category,
                                                        @QueryValue @Nullable String sector,
                                                        @QueryValue @Nullable Integer minSeverity,
                                                        @QueryValue @Nullable String since) {
        return feeds.stream(StoreNames.INBOX_ITEMS, "signal", Feeds.cursor("Last-Event-ID", lastEventId),
                filter(category, sector, minSeverity, since), InboxController::render);
    }

    @Operation(summary = "One inbox item by signal id")
    @Get("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Map<String, Object> show(@PathVariable String id) {
        String cursor = stores.<String>get(StoreNames.INBOX_INDEX, id)
                .orElseThrow(() -> new NotFoundException("no signal " + id + " in this inbox"));
        SharedSignal signal = stores.<SharedSignal>get(StoreNames.INBOX_ITEMS, cursor)
                .orElseThrow(() -> new NotFoundException("no signal " + id + " in this inbox"));
        return render(KeyValue.pair(cursor, signal));
    }

    static Map<String, Object> render(KeyValue<String, SharedSignal> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cursor", item.key);
        json.put("id", item.value.getSignalId());
        json.putAll(AvroJson.toMap(item.value));
        return json;
    }

    static Predicate<SharedSignal> filter(String category, String sector, Integer minSeverity, String since) {
        Predicate<SharedSignal> filter = s -> true;
        if (category != null) {
            Category c = symbol("category", category, Category.class);
            filter = filter.and(s -> s.getContent().getCategory() == c);
        }
        if (sector != null) {
            Sector x = symbol("sector", sector, Sector.class);
            filter = filter.and(s -> s.getContent().getSectors().contains(x));
        }
        if (minSeverity != null) {
            if (minSeverity < 1 || minSeverity > 5) {
                throw new InvalidRequestException("minSeverity", "must be from 1 to 5");
            }
            filter = filter.and(s -> s.getContent().getSeverity() >= minSeverity);
        }
        if (since != null) {
            Instant from = instant("since", since);
            filter = filter.and(s -> !s.getSharedAt().isBefore(from));
        }
        return filter;
    }

    static <E extends Enum<E>> E symbol(String field, String value, Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidRequestException(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
    }

    static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be an ISO-8601 UTC timestamp such as 2026-11-20T10:00:00Z");
        }
    }
}
