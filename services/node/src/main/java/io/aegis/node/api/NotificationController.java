package io.aegis.node.api;

import io.aegis.node.messaging.CaseAbout;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.security.Roles;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.response.Notification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.kafka.streams.KeyValue;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Notifications for this country's duty officers: cursor pages and an SSE stream. */
@Controller("/api/v1/notifications")
@Secured(Roles.DUTY_OFFICER)
@Tag(name = "notifications")
public class NotificationController {

    private final Feeds feeds;
    private final NodeStores stores;

    public NotificationController(Feeds feeds, NodeStores stores) {
        this.feeds = feeds;
        this.stores = stores;
    }

    @Operation(summary = "Notifications after the cursor, oldest first; mine=true keeps the caller's own")
    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Map<String, Object> list(@QueryValue @Nullable String after, @QueryValue @Nullable Integer limit,
                                    @QueryValue @Nullable Boolean mine, Authentication user) {
        return feeds.page(StoreNames.NOTIFICATIONS, Feeds.cursor("after", after), Feeds.limit(limit),
                filter(mine, user), this::render);
    }

    @Operation(summary = "Server-sent events of notifications, resumable with Last-Event-ID")
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Map<String, Object>>> stream(@Header("Last-Event-ID") @Nullable String lastEventId,
                                                        @QueryValue @Nullable Boolean mine, Authentication user) {
        return feeds.stream(StoreNames.NOTIFICATIONS, "notification", Feeds.cursor("Last-Event-ID", lastEventId),
                filter(mine, user), this::render);
    }

    private static Predicate<Notification> filter(Boolean mine, Authentication user) {
        return Boolean.TRUE.equals(mine) ? n -> n.getOfficerId().equals(user.getName()) : n -> true;
    }

    /** The notification with its cursor, and what its case is about as this node holds it ({@link CaseAbout}). */
    Map<String, Object> render(KeyValue<String, Notification> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cursor", item.key);
        json.putAll(CaseAbout.notification(item.value, stores));
        return json;
    }
}
