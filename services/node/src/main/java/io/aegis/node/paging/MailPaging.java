package io.aegis.node.paging;

import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.WebhookWorkerConfig;
import io.aegis.node.messaging.CaseAbout;
import io.aegis.node.messaging.NodeIdentity;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.messaging.WebhookWorker;
import io.aegis.node.messaging.WebhookWorkerStatus;
import io.aegis.node.messaging.WorkerClients;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pages duty officers by e-mail: every notification on {@code aegis.notify.<CC>} goes to the address
 * of its {@code officerId} (a re-escalation's notification names the backup, so the backup is paged),
 * on its own consumer group {@code aegis-node-<CC>-paging} and thread. The consumer is the webhook
 * worker's ({@link WebhookWorker}, settings {@code aegis.node.webhook-worker.*}), with its
 * invariants: an offset is committed only after each page of the batch was taken by the SMTP server
 * or dead-lettered with the write acknowledged, nothing is dropped silently, and the worker
 * re-subscribes after any consumer error. Its state is health {@code paging} and the meters
 * {@code aegis.node.paging.worker.*} and {@code aegis.node.paging.mails}. Exists only when paging is enabled.
 */
@Singleton
@Requires(bean = PagingSettings.class)
public class MailPaging implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MailPaging.class);

    private final WebhookWorkerStatus status = new WebhookWorkerStatus();
    private final KafkaProducer<byte[], byte[]> dlqProducer;
    private final ExecutorService smtpThreads;
    private final WebhookWorker worker;
    private final Thread thread;

    public MailPaging(PagingSettings settings, AckLinkService links, Topics topics, NodeIdentity node,
                      WebhookWorkerConfig config, KafkaDefaultConfiguration kafka, MeterRegistry meters, NodeStores stores) {
        String prefix = "aegis-node-" + node.country();
        dlqProducer = WorkerClients.dlqProducer(kafka);
        smtpThreads = Executors.newFixedThreadPool(2, daemon("aegis-node-paging-smtp"));
        String topic = topics.notify(node.country()).name();
        MailDeliveries deliveries = new MailDeliveries(topics.notify(node.country()), settings,
                new PageComposer(links.links()), notification -> about(notification, stores),
                new SmtpMailer(settings.smtp(), settings.from())::send, smtpThreads, dlqProducer, prefix + "-paging", meters,
                Clock.systemUTC());
        worker = new WebhookWorker(WorkerClients.consumers(kafka, prefix + "-paging", config),
                topic, deliveries::deliver, config.retryBackoff(), status);
        thread = new Thread(worker, "aegis-node-paging");
        thread.setDaemon(true);
        Gauge.builder("aegis.node.paging.worker.up", status, s -> s.healthy() ? 1 : 0)
                .description("1 while the paging worker runs, 0 while it recovers from an error or is dead").register(meters);
        Gauge.builder("aegis.node.paging.worker.in.flight", status, WebhookWorkerStatus::inFlight)
                .description("notifications being paged and not committed yet").register(meters);
        Gauge.builder("aegis.node.paging.worker.restarts", status, WebhookWorkerStatus::restarts)
                .description("times the paging consumer failed and subscribed again").register(meters);
        LOG.info("E-mail paging enabled: {}", settings);
    }

    /** What the case is about as this node holds it now; null when it has no copy yet or its stores are not readable. */
    private static Map<String, Object> about(Notification notification, NodeStores stores) {
        if (notification.getCaseId() == null) {
            return null;
        }
        try {
            return stores.<EmergencyCase>get(StoreNames.CASES, notification.getCaseId()).map(copy -> CaseAbout.of(copy, stores))
                    .orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("Paging notification {} without what its case is about: {}", notification.getNotificationId(), e.toString());
            return null;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        thread.start();
    }

    /** What the paging worker is doing now. */
    public WebhookWorkerStatus status() {
        return status;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.stop();
        thread.join(10_000);
        smtpThreads.shutdownNow();
        smtpThreads.awaitTermination(5, TimeUnit.SECONDS);
        dlqProducer.close(Duration.ofSeconds(5));
    }
}
