package io.aegis.node.topology;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.domain.SequenceClock;
import io.aegis.schema.response.Notification;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@code aegis.notify.<CC>} → the notifications store, in arrival order under a cursor.
 * Invariant: a notification id is stored once, however often it is redelivered.
 */
final class NotificationTopology {

    private NotificationTopology() {
    }

    static void build(StreamsBuilder builder, Topics topics, SerdeFactory serdes, NodeTopology.Settings settings) {
        Topic<String, Notification> notify = topics.notify(settings.country());
        builder.addStateStore(NodeTopology.store(StoreNames.NOTIFICATIONS, serdes.value(Notification.class), settings.persistent()));
        builder.addStateStore(NodeTopology.index(StoreNames.NOTIFICATION_INDEX, settings.persistent()));
        builder.stream(notify.name(), notify.consumed().withName("notify-source"))
                .process(() -> new NotificationProcessor(settings.clock()), Named.as("notifications-apply"),
                        StoreNames.NOTIFICATIONS, StoreNames.NOTIFICATION_INDEX);
    }

    static final class NotificationProcessor implements Processor<String, Notification, Void, Void> {

        private final SequenceClock clock;
        private KeyValueStore<String, Notification> notifications;
        private KeyValueStore<String, String> index;

        NotificationProcessor(SequenceClock clock) {
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            notifications = context.getStateStore(StoreNames.NOTIFICATIONS);
            index = context.getStateStore(StoreNames.NOTIFICATION_INDEX);
        }

        @Override
        public void process(Record<String, Notification> record) {
            Notification notification = record.value();
            if (notification == null || index.get(notification.getNotificationId()) != null) {
                return;
            }
            String cursor = SequenceClock.cursor(clock.next());
            notifications.put(cursor, notification);
            index.put(notification.getNotificationId(), cursor);
        }
    }
}
