package io.aegis.devstack.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker's own produce→consume latency, measured beside the end-to-end figure on the same
 * broker and at the same time: 300-byte records produced as the nodes produce (acks=all,
 * idempotent) to a bench-only topic and consumed by a plain consumer, each stamped with the
 * producer's {@link System#nanoTime()} (one JVM, so one clock).
 */
public final class RawKafkaLatency implements AutoCloseable {

    /** Bench-only topic, outside the Aegis catalogue on purpose: no service reads it. */
    public static final String TOPIC = "bench.raw-latency";

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final Thread reader;
    private final Percentiles latency = new Percentiles();
    private volatile boolean measuring;
    private volatile boolean running = true;

    /** {@code client}: bootstrap servers and login, the same listener the services use. */
    public RawKafkaLatency(Map<String, Object> client) throws Exception {
        Properties admin = new Properties();
        admin.putAll(client);
        try (Admin topics = Admin.create(admin)) {
            topics.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-latency");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPIC));
        reader = new Thread(this::consume, "raw-latency-consumer");
        reader.start();
    }

    /** Produces {@code perSecond} records a second from now on; latencies count once {@link #measure()} was called. */
    public void start(int perSecond) {
        ticker.scheduleAtFixedRate(() -> {
            ByteBuffer value = ByteBuffer.allocate(300);
            value.putLong(0, System.nanoTime());
            producer.send(new ProducerRecord<>(TOPIC, value.array()));
        }, 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS);
    }

    public void measure() {
        measuring = true;
    }

    public void stopMeasuring() {
        measuring = false;
    }

    public Percentiles latency() {
        return latency;
    }

    private void consume() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                if (measuring) {
                    latency.add(now - ByteBuffer.wrap(record.value()).getLong(0));
                }
            }
        }
        consumer.close();
    }

    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        producer.close(Duration.ofSeconds(5));
        running = false;
        reader.join(10_000);
    }
}
