package io.aegis.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.kafka.crypto.SignalSigner;
import io.aegis.kafka.topic.Topic;
import io.aegis.node.support.NodeHarness;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.testsupport.fixtures.Signals;
import io.aegis.testsupport.kafka.InProcessKafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node ingest benchmark (not a test): starts an in-process broker and a node on this machine,
 * then measures the raw Kafka producer rate, batch ingest and single-signal POSTs, and prints
 * signals/s. Bounded in count and time; only loopback traffic.
 *
 * <p>Run: {@code ./mvnw -q -pl services/node test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.aegis.node.bench.IngestBench} (optional args: singleRequests batchCount concurrency).
 */
public final class IngestBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int singles = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        try (InProcessKafkaCluster kafka = InProcessKafkaCluster.start(1, true, Map.of());
             NodeHarness node = new NodeHarness(kafka, Map.of("aegis.node.produce-timeout", "20s",
                     "micronaut.server.max-request-size", "16MB"))) {
            double raw = rawProducer(kafka, node, 200_000);
            System.out.printf("raw Kafka producer (acks=all, idempotent, lz4): %,.0f records/s%n", raw);
            String single = SignalsJson.example().toString();
            run(node, "/api/v1/signals", single, Math.max(1, singles / 10), concurrency);
            double singleRate = run(node, "/api/v1/signals", single, singles, concurrency);
            System.out.printf("single POST (%d in flight): %,.0f requests/s%n", concurrency, singleRate);
            String batch = batchBody(1000);
            run(node, "/api/v1/signals/batch", batch, 2, 2);
            double batchRate = run(node, "/api/v1/signals/batch", batch, batches, 2) * 1000;
            System.out.printf("batch ingest (1,000 per request, 2 in flight): %,.0f signals/s%n", batchRate);
            System.out.printf("cores=%d, raw producer %,.0f records/s, batch %,.0f signals/s, single %,.0f req/s%n",
                    Runtime.getRuntime().availableProcessors(), raw, batchRate, singleRate);
        }
        System.exit(0);
    }

    /** The producer rate for records shaped like the node's (signed OutboxEvent, same serde), same acks. */
    static double rawProducer(InProcessKafkaCluster kafka, NodeHarness node, int count) throws Exception {
        Topic<String, OutboxEvent> outbox = node.topics.outbox("FR");
        byte[] value = outbox.valueSerializer().serialize(outbox.name(), new OutboxEvent(SignalSigner.signNew(
                UUID.randomUUID().toString(), "FR", "anssi", Signals.OBSERVED, Signals.content().build(), "fr-1",
                node.keys.getPrivate())));
        Map<String, Object> props = new HashMap<>(kafka.producerProps());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 20_000; i++) {
                producer.send(new ProducerRecord<>(outbox.name(), "warm-" + i, value));
            }
            producer.flush();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(outbox.name(), UUID.randomUUID().toString(), value));
            }
            producer.flush();
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Requests per second for {@code count} POSTs with at most {@code inFlight} outstanding; fails on any non-2xx. */
    static double run(NodeHarness node, String path, String body, int count, int inFlight) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(300))
                .header("Authorization", "Bearer " + NodeHarness.PUBLISHER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger failures = new AtomicInteger();
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            all[i] = http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() / 100 != 2) {
                    failures.incrementAndGet();
                }
                slots.release();
            });
        }
        CompletableFuture.allOf(all).join();
        double rate = count / ((System.nanoTime() - start) / 1e9);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + count + " requests to " + path + " failed");
        }
        return rate;
    }

    static String batchBody(int size) {
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode signals = batch.putArray("signals");
        for (int i = 0; i < size; i++) {
            signals.add(SignalsJson.example().put("title", "Benchmark signal " + i));
        }
        return batch.toString();
    }

    /** The contract example as JSON. */
    static final class SignalsJson {
        static ObjectNode example() {
            ObjectNode json = JSON.createObjectNode().put("category", "DEEPFAKE_FRAUD")
                    .put("title", "Voice-clone fraud campaign against bank call centres").put("description", "free text")
                    .put("severity", 4).put("confidence", 80).put("tlp", "AMBER").put("observedAt", "2026-11-20T10:00:00Z");
            json.putArray("sectors").add("FINANCE");
            json.putArray("atlasTechniques").add("AML.T0048");
            json.putArray("affectedSystems").addObject().put("provider", "ExampleAI").put("model", "voice-x").put("version", "2.1");
            ArrayNode indicators = json.putArray("indicators");
            indicators.addObject().put("type", "DOMAIN").put("value", "fraud.example");
            indicators.addObject().put("type", "SHA256").put("value", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
            json.putArray("recipients").add("DE").add("JP");
            return json.put("campaignId", "campaign-1");
        }
    }
}
