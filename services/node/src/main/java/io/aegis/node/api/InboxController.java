package io.aegis.node.api;

import io.aegis.node.domain.InboxEntries;
import io.aegis.node.domain.InvalidRequestException;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SharedSignal;
import io.micronaut.http.HttpResponse;
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
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Signals shared with this country and their withdrawals, oldest first: cursor pages, one item, and an
 * SSE stream. The feed merges the inbox items with the retraction and downgrade events on one clock,
 * so a reader resuming from a cursor learns of every withdrawal in order with the signals.
 * Withdrawal events pass every filter: whoever may hold a copy must learn it was withdrawn.
 */
@Controller("/api/v1/inbox")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "inbox")
public class InboxController {

    /** The stores that make up the inbox feed. */
    static final List<String> FEED = List.of(StoreNames.INBOX_ITEMS, StoreNames.INBOX_WITHDRAWALS);

    private final Feeds feeds;
    private final InboxCopies copies;

    public InboxController(Feeds feeds, InboxCopies copies) {
        this.feeds = feeds;
        this.copies = copies;
    }

    @Operation(summary = "Inbox page: signals and their retraction/downgrade events after the cursor, "
            + "signals filtered by category, sector, minSeverity, since")
    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Map<String, Object> list(@QueryValue @Nullable String after, @QueryValue @Nullable Integer limit,
                                    @QueryValue @Nullable String category, @QueryValue @Nullable String sector,
                                    @QueryValue @Nullable Integer minSeverity, @QueryValue @Nullable String since) {
        return feeds.page(FEED, Feeds.cursor("after", after), Feeds.limit(limit),
                feedFilter(category, sector, minSeverity, since), this::render);
    }

    @Operation(summary = "Server-sent events of the inbox (signal, retracted, downgraded), resumable with Last-Event-ID")
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Map<String, Object>>> stream(@Header("Last-Event-ID") @Nullable String lastEventId,
                                                        @QueryValue @Nullable String category,
                                                        @QueryValue @Nullable String sector,
                                                        @QueryValue @Nullable Integer minSeverity,
                                                        @QueryValue @Nullable String since) {
        return feeds.stream(FEED, kv -> InboxEntries.eventName(kv.value), Feeds.cursor("Last-Event-ID", lastEventId),
                feedFilter(category, sector, minSeverity, since), this::render);
    }

    @Operation(summary = "One inbox item by signal id: the current copy with its downgrades, or 410 once retracted")
    @Get("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Map<String, Object>> show(@PathVariable String id) {
        return copies.held(id).<HttpResponse<Map<String, Object>>>map(held -> HttpResponse.ok(InboxEntries.signal(held.key, held.value, copies.withdrawals(id))))
                .orElseGet(() -> copies.notHeld(id));
    }

    private Map<String, Object> render(KeyValue<String, Object> entry) {
        if (entry.value instanceof Retraction notice) {
            return InboxEntries.withdrawal(entry.key, notice);
        }
        SharedSignal copy = (SharedSignal) entry.value;
        return InboxEntries.signal(entry.key, copy, copies.withdrawals(copy.getSignalId()));
    }

    static Predicate<Object> feedFilter(String category, String sector, Integer minSeverity, String since) {
        Predicate<SharedSignal> signals = filter(category, sector, minSeverity, since);
        return value -> value instanceof Retraction || signals.test((SharedSignal) value);
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
