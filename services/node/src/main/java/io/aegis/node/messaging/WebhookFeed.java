package io.aegis.node.messaging;

import io.aegis.node.config.WebhookConfig;
import io.aegis.node.config.WebhookWorkerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One topic delivered to webhooks: its own consumer group and thread running {@link WebhookWorker},
 * and a producer for dead letters. Notifications and inbox events are two such feeds with the same
 * rules: an offset is committed only after each subscribed webhook accepted the record or it was
 * dead-lettered with the write acknowledged; the worker re-subscribes after any consumer error.
 * A feed no webhook subscribes to opens no client and starts no thread.
 */
final class WebhookFeed {

    /**
     * Where the records come from and what they become.
     *
     * @param name    the thread name's suffix
     * @param meters  prefix of the worker's gauges ({@code .up}, {@code .in.flight}, {@code .restarts})
     * @param topic   the topic read
     * @param groupId the consumer group, under the node's {@code aegis-node-<CC>} prefix
     * @param service named on dead letters
     * @param decoder record → webhook message
     */
    record Source(String name, String meters, String topic, String groupId, String service, WebhookMessages.Decoder decoder) {
    }

    private final WebhookWorkerStatus status = new WebhookWorkerStatus();
    private final KafkaProducer<byte[], byte[]> dlqProducer;
    private final WebhookWorker worker;
    private final Thread thread;

    WebhookFeed(Source source, List<WebhookConfig> hooks, WebhookDispatcher dispatcher, WebhookWorkerConfig config,
                KafkaDefaultConfiguration kafka, MeterRegistry meters) {
        if (hooks.isEmpty()) {
            dlqProducer = null;
            worker = null;
            thread = null;
            return;
        }
        Map<String, Object> base = AckedWriter.clientProps(kafka);
        Map<String, Object> consumerProps = new HashMap<>(base);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, source.groupId());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        consumerProps.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) config.maxPollInterval().toMillis());
        Map<String, Object> producerProps = new HashMap<>(base);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        dlqProducer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        WebhookDeliveries deliveries = new WebhookDeliveries(hooks, dispatcher::deliver, source.decoder(), dlqProducer,
                source.service());
        worker = new WebhookWorker(
                () -> new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                source.topic(), deliveries::deliver, config.retryBackoff(), status);
        thread = new Thread(worker, "aegis-node-webhooks-" + source.name());
        thread.setDaemon(true);
        Gauge.builder(source.meters() + ".up", status, s -> s.healthy() ? 1 : 0)
                .description("1 while the webhook worker runs, 0 while it recovers from an error or is dead").register(meters);
        Gauge.builder(source.meters() + ".in.flight", status, WebhookWorkerStatus::inFlight)
                .description("records being delivered and not committed yet").register(meters);
        Gauge.builder(source.meters() + ".restarts", status, WebhookWorkerStatus::restarts)
                .description("times the webhook consumer failed and subscribed again").register(meters);
    }

    /** True when some webhook subscribes to this feed. */
    boolean active() {
        return thread != null;
    }

    void start() {
        if (active()) {
            thread.start();
        }
    }

    WebhookWorkerStatus status() {
        return status;
    }

    void stop() throws InterruptedException {
        if (active()) {
            worker.stop();
            thread.join(10_000);
            dlqProducer.close(Duration.ofSeconds(5));
        }
    }
}
