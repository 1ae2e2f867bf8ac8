package io.aegis.node.messaging;

import io.aegis.node.config.WebhookConfig;
import io.aegis.node.config.WebhookWorkerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.time.Duration;
import java.util.List;

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
        dlqProducer = WorkerClients.dlqProducer(kafka);
        WebhookDeliveries deliveries = new WebhookDeliveries(hooks, dispatcher::deliver, source.decoder(), dlqProducer,
                source.service());
        worker = new WebhookWorker(WorkerClients.consumers(kafka, source.groupId(), config),
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
