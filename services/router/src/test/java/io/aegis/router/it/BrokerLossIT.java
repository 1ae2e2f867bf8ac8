package io.aegis.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Guarantee 2 (no loss) with the router in the path: on a 3-broker cluster (RF 3, min.insync.replicas 2)
 * one broker is stopped while signals are being published. Every signal the publisher saw acknowledged
 * reaches every allowed inbox exactly once. The publisher is configured as the node's intake is
 * (acks=all, idempotent, answer only after the acknowledgement).
 */
@Tag("integration")
@WithKafka(brokers = 3)
@Timeout(300)
class BrokerLossIT {

    private static final List<String> ALLOWED = List.of("DE", "JP", "BR", "KE");

    @Test
    void shouldDeliverEveryAcknowledgedSignalExactlyOnceWhenABrokerIsLost(KafkaCluster kafka) throws Exception {
        try (Admin admin = kafka.admin(); RouterRig rig = new RouterRig(kafka.bootstrapServers(), 3, 3, admin)) {
            rig.startRouter();
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                if (i == 80) {
                    kafka.stopBroker(1);
                }
                try {
                    acknowledged.add(rig.publish("FR", RouterRig.green()));
                } catch (java.util.concurrent.ExecutionException e) {
                    // Not acknowledged: a node answers 503 and claims nothing, so neither does this test.
                }
            }

            assertThat(acknowledged).hasSizeGreaterThan(200);
            for (String cc : ALLOWED) {
                Awaitility.await(cc).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> rig.inboxIds(cc).containsAll(acknowledged));
                List<String> inbox = rig.inboxIds(cc);
                assertThat(inbox).as("inbox %s", cc).doesNotHaveDuplicates().containsAll(acknowledged);
            }
            assertThat(rig.inboxIds("FR")).isEmpty();
        }
    }
}
