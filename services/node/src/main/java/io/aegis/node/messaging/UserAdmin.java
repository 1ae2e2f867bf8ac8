package io.aegis.node.messaging;

import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.NodeConfig;
import io.aegis.schema.users.UserAction;
import io.aegis.schema.users.UserChange;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Writes an ADMIN's change to a user on {@code aegis.users.<CC>} (keyed by the user, so one user's
 * changes keep their order) and returns once the brokers acknowledged it and this instance folded
 * it into its directory. Invariant: the directory changes only through the topic, so the audit log
 * holds every change the node ever acted on; a change Kafka did not acknowledge is not made.
 */
@Singleton
public class UserAdmin {

    private final Topic<String, UserChange> topic;
    private final AckedWriter writer;
    private final UserChangeFeed feed;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();

    public UserAdmin(Topics topics, NodeIdentity node, AckedWriter writer, UserChangeFeed feed, NodeConfig config) {
        this.topic = topics.users(node.country());
        this.writer = writer;
        this.feed = feed;
        this.timeout = config.produceTimeout();
    }

    /**
     * Records {@code action} on {@code user} by {@code by}; {@code passwordHash} only for ADDED and
     * PASSWORD_RESET, {@code roles} only for ADDED, {@code reason} (or null) as the ADMIN gave it.
     * Blocks: call it off the event loop.
     *
     * @return the change as written
     * @throws KafkaUnavailableException when Kafka did not acknowledge in time (nothing changed)
     * @throws StoreUnavailableException when it was written but this instance did not apply it in time
     */
    public UserChange record(String user, UserAction action, List<String> roles, String passwordHash, String by,
                             String reason) {
        UserChange change = UserChange.newBuilder().setChangeId(UUID.randomUUID().toString()).setUser(user)
                .setAction(action).setRoles(roles).setPasswordHash(passwordHash).setBy(by).setAt(clock.instant())
                .setReason(reason).build();
        RecordMetadata written;
        try {
            written = writer.write(topic, user, change).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (!feed.awaitApplied(written.partition(), written.offset(), timeout)) {
            // written and kept in the audit log, but not yet applied here: 503, and a retry finds it applied
            throw new StoreUnavailableException("users", new TimeoutException(
                    "the change was written but not read back within " + timeout.toMillis() + " ms"));
        }
        return change;
    }
}
