package io.aegis.node.messaging;

import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.security.UserDirectory;
import io.aegis.schema.users.UserChange;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds {@code aegis.users.<CC>} into the {@link UserDirectory}: every instance of the node reads
 * the whole topic from its beginning (assigned partitions, no consumer group), so each holds every
 * change whatever the number of instances. Invariants: the directory authenticates nobody until the
 * topic has been read up to the end it had when the node started; an ADMIN's change is answered only
 * once this instance has folded it in ({@link #awaitApplied}), so the next request sees it.
 */
@Context
public class UserChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(UserChangeFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Topic<String, UserChange> topic;
    private final UserDirectory users;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public UserChangeFeed(KafkaDefaultConfiguration kafka, Topics topics, NodeIdentity node, UserDirectory users) {
        this.topic = topics.users(node.country());
        this.users = users;
        Map<String, Object> props = AckedWriter.clientProps(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "aegis-node-" + node.country() + "-users");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "aegis-node-users");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = assign();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (!fold(record)) {
                        break;
                    }
                }
                if (!users.isLoaded() && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                    users.markLoaded();
                    LOG.info("user directory loaded from {} ({} users)", topic.name(), users.list().size());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("reading {} failed; user changes are no longer applied on this instance", topic.name(), e);
        } finally {
            consumer.close();
        }
    }

    private List<TopicPartition> assign() {
        while (running) {
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (!partitions.isEmpty()) {
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    return partitions;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("{} not reachable yet; nobody authenticates until it is read", topic.name());
            }
        }
        throw new WakeupException();
    }

    /**
     * Applies one change; false when it cannot be read (e.g. the registry is unreachable): the feed then
     * stops there and reads it again a second later. Skipping it could skip a disabled user, so the
     * directory rather stays behind (and, before its first load, refuses everyone) than guesses.
     */
    private boolean fold(ConsumerRecord<String, byte[]> record) {
        UserChange change;
        try {
            change = topic.valueDeserializer().deserialize(topic.name(), record.value());
        } catch (RuntimeException e) {
            LOG.error("{}-{}@{} could not be read; retrying: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
            consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
            pause();
            return false;
        }
        users.apply(change);
        applied.merge(record.partition(), record.offset(), Math::max);
        return true;
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Waits until the change written at {@code partition}/{@code offset} is folded in; false after {@code timeout}. */
    public boolean awaitApplied(int partition, long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied.getOrDefault(partition, -1L) < offset) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
