package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.node.support.NodeHarness;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inbox and notification feeds over topics with several partitions, as in infra/topics.yaml
 * (inbox 6, notify 3): pages in cursor order, paging that visits every item exactly once, and SSE
 * streams that resume without gaps while new items keep arriving on every partition.
 */
@Tag("integration")
@Timeout(240)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionedFeedsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int INBOX_PARTITIONS = 6;
    static final int NOTIFY_PARTITIONS = 3;

    /** One SSE event: its id (the cursor) and the item's own id. */
    record Sse(String cursor, String item) {
    }

    NodeHarness node;
    KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    void start(KafkaCluster kafka) {
        kafka.createTopic(TopicNames.inbox(NodeHarness.COUNTRY), INBOX_PARTITIONS, 1);
        kafka.createTopic(TopicNames.notify(NodeHarness.COUNTRY), NOTIFY_PARTITIONS, 1);
        node = new NodeHarness(kafka, Map.of());
        producer = new KafkaProducer<>(kafka.producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stop() {
        producer.close();
        node.close();
    }

    Notification notification(String id) {
        return Notification.newBuilder().setNotificationId(id).setOfficerId("olivier").setCountry("FR")
                .setCaseId("case-1").setKind(NotificationKind.ACK_REQUESTED).setTier(Tier.SEVERE).setTitle("t")
                .setMessage("m").setAsk("acknowledge").setCreatedAt(Instant.now()).build();
    }

    /** Writes one record per id, round robin over the partitions, so every partition holds a slice. */
    <V> List<String> spread(Topic<String, V> topic, int partitions, int count, Function<String, V> value) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> "item-" + UUID.randomUUID()).toList();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            producer.send(new ProducerRecord<>(topic.name(), i % partitions, id.getBytes(StandardCharsets.UTF_8),
                    topic.valueSerializer().serialize(topic.name(), value.apply(id))));
        }
        producer.flush();
        return ids;
    }

    List<String> inbox(int count) {
        return spread(node.topics.inbox("FR"), INBOX_PARTITIONS, count, id -> new InboxEvent(NodeHarness.shared(id)));
    }

    List<String> notifications(int count) {
        return spread(node.topics.notify("FR"), NOTIFY_PARTITIONS, count, this::notification);
    }

    JsonNode page(String path, String after, int limit) throws IOException {
        String query = path + "?limit=" + limit + (after == null ? "" : "&after=" + after);
        HttpResponse<String> response = node.get(query, NodeHarness.OFFICER);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Every item from the start, one page of {@code limit} at a time, as (cursor, id) in answer order. */
    List<Sse> pageThrough(String path, String idField, int limit) throws IOException {
        List<Sse> seen = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode page = page(path, after, limit);
            if (page.get("items").isEmpty()) {
                return seen;
            }
            page.get("items").forEach(item -> seen.add(new Sse(item.get("cursor").asText(), item.get(idField).asText())));
            after = page.get("next").asText();
        }
    }

    static void assertStrictlyAscending(List<Sse> items) {
        for (int i = 1; i < items.size(); i++) {
            assertTrue(items.get(i - 1).cursor().compareTo(items.get(i).cursor()) < 0,
                    "cursor order broken at " + i + ": " + items.get(i - 1).cursor() + " then " + items.get(i).cursor());
        }
    }

    static List<String> ids(List<Sse> items) {
        return items.stream().map(Sse::item).toList();
    }

    void shouldServeTheFeedInCursorOrderAcrossPartitions(String path, String idField, Function<Integer, List<String>> produce)
            throws Exception {
        // Given items spread over every partition
        List<Sse> earlier = pageThrough(path, idField, 1000);
        List<String> produced = produce.apply(30);
        await().atMost(Duration.ofSeconds(60)).until(() -> page(path, null, 1000).get("items").size() == earlier.size() + 30);

        // When a reader takes everything in one page, and another reader pages through 7 at a time
        List<Sse> whole = new ArrayList<>();
        page(path, null, 1000).get("items").forEach(i -> whole.add(new Sse(i.get("cursor").asText(), i.get(idField).asText())));
        List<Sse> paged = pageThrough(path, idField, 7);

        // Then both see every item once, oldest (lowest cursor) first
        assertStrictlyAscending(whole);
        Set<String> expected = new HashSet<>(ids(earlier));
        expected.addAll(produced);
        assertEquals(expected, Set.copyOf(ids(whole)));
        assertEquals(expected.size(), whole.size());
        // why: a reader paging with `after` must visit every item exactly once, in the same order
        assertEquals(whole, paged);
    }

    @Test
    void shouldPageTheInboxInCursorOrderVisitingEveryItemOnceAcrossSixPartitions() throws Exception {
        shouldServeTheFeedInCursorOrderAcrossPartitions("/api/v1/inbox", "id", this::inbox);
        // And readiness still sees the stores with several partitions
        HttpResponse<String> readiness = node.get("/health/readiness", NodeHarness.OPERATOR);
        assertTrue(readiness.body().contains("\"notReady\":[]"), readiness.body());
    }

    @Test
    void shouldPageNotificationsInCursorOrderVisitingEveryItemOnceAcrossThreePartitions() throws Exception {
        shouldServeTheFeedInCursorOrderAcrossPartitions("/api/v1/notifications", "notificationId", this::notifications);
    }

    @Test
    void shouldResumeTheInboxStreamWithoutGapsWhileItemsArriveOnEveryPartition() throws Exception {
        shouldResumeTheStreamWithoutGaps("/api/v1/inbox", "id", this::inbox);
    }

    @Test
    void shouldResumeTheNotificationStreamWithoutGapsWhileItemsArriveOnEveryPartition() throws Exception {
        shouldResumeTheStreamWithoutGaps("/api/v1/notifications", "notificationId", this::notifications);
    }

    void shouldResumeTheStreamWithoutGaps(String path, String idField, Function<Integer, List<String>> produce)
            throws Exception {
        // Given items already stored on every partition, and a client that saw some of them
        int before = pageThrough(path, idField, 1000).size();
        produce.apply(24);
        await().atMost(Duration.ofSeconds(60)).until(() -> pageThrough(path, idField, 1000).size() == before + 24);
        List<Sse> stored = pageThrough(path, idField, 1000);
        int seen = before + 10;
        String lastEventId = stored.get(seen - 1).cursor();

        // When it reconnects with Last-Event-ID while more items arrive on every partition
        CompletableFuture<List<Sse>> events = sse(path + "/stream", lastEventId, stored.size() - seen + 24);
        List<String> later = produce.apply(24);

        // Then it gets every item after its cursor exactly once, in cursor order: no gap, no repeat
        List<Sse> received = events.get(60, TimeUnit.SECONDS);
        List<Sse> all = pageThrough(path, idField, 1000);
        assertEquals(stored.size() + 24, all.size());
        assertEquals(Set.copyOf(later), Set.copyOf(ids(all.subList(stored.size(), all.size()))));
        assertStrictlyAscending(received);
        assertEquals(all.subList(seen, all.size()), received);
    }

    /** Reads {@code count} events of an SSE stream on another thread. */
    CompletableFuture<List<Sse>> sse(String path, String lastEventId, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node.uri(path)).header("Authorization", "Bearer " + NodeHarness.OFFICER)
                .header("Accept", "text/event-stream").header("Last-Event-ID", lastEventId).GET().build();
        CompletableFuture<HttpResponse<InputStream>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        return response.thenApplyAsync(r -> {
            assertEquals(200, r.statusCode());
            List<Sse> found = new ArrayList<>();
            try (InputStream body = r.body();
                 BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                Map<String, String> fields = new java.util.HashMap<>();
                String line;
                while (found.size() < count && (line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (fields.containsKey("data")) {
                            JsonNode data = JSON.readTree(fields.get("data"));
                            JsonNode id = data.has("id") ? data.get("id") : data.get("notificationId");
                            found.add(new Sse(fields.get("id"), id.asText()));
                        }
                        fields.clear();
                    } else if (line.indexOf(':') > 0) {
                        fields.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return found;
        });
    }
}
