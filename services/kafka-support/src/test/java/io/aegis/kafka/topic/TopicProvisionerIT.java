package io.aegis.kafka.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@WithKafka(brokers = 1, autoCreateTopics = false)
class TopicProvisionerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldCreateTheWholeRepositoryPlanOnAOneBrokerClusterAndFindItHealthyNextTime(KafkaCluster kafka) {
        TopicPlan plan = TopicPlan.load(TopicPlanTest.INFRA_TOPICS);
        try (Admin admin = kafka.admin()) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, TIMEOUT);

            // when the plan is provisioned for two members at start-up, then again by a second service
            ProvisioningReport first = provisioner.ensure(plan, List.of("FR", "DE"));
            ProvisioningReport second = provisioner.ensure(plan, List.of("FR", "DE"));

            // then the first run created every topic (capped to one replica) and the second found them all
            int planned = plan.topicsFor(List.of("FR", "DE")).size();
            assertEquals(planned, first.created().size(), first.toString());
            assertEquals(planned, second.matching().size(), second.toString());
            assertTrue(second.created().isEmpty());
            assertTrue(kafka.topicNames().containsAll(TopicNames.perCountry("DE")));
        }
    }

    @Test
    void shouldReportEveryDifferenceOfAnExistingTopicByName(KafkaCluster kafka) {
        // given a topic an older plan created with too few partitions and the wrong cleanup policy
        TopicSpec older = new TopicSpec("it.cases", 2, (short) 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete"));
        TopicSpec wanted = new TopicSpec("it.cases", 6, (short) 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact",
                TopicConfig.RETENTION_MS_CONFIG, "-1"));
        try (Admin admin = kafka.admin()) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, TIMEOUT);
            provisioner.provision(List.of(older), TopicProvisioner.Mode.CREATE_MISSING).requireHealthy();

            // when it is provisioned with today's plan
            ProvisioningReport report = provisioner.provision(List.of(wanted), TopicProvisioner.Mode.CREATE_MISSING);

            // then nothing is altered and each difference is named
            assertEquals(List.of(
                    new ProvisioningReport.Mismatch("it.cases", "partitions", "6", "2"),
                    new ProvisioningReport.Mismatch("it.cases", "cleanup.policy", "compact", "delete"),
                    new ProvisioningReport.Mismatch("it.cases", "retention.ms", "-1", "604800000")),
                    report.mismatches());
            TopicConfigurationException e = assertThrows(TopicConfigurationException.class, report::requireHealthy);
            assertTrue(e.getMessage().contains("it.cases: partitions is 2, expected 6"), e.getMessage());
            assertTrue(e.getMessage().contains("it.cases: cleanup.policy is delete, expected compact"), e.getMessage());
        }
    }

    @Test
    void shouldOnlyReportMissingTopicsInCheckMode(KafkaCluster kafka) {
        TopicSpec absent = new TopicSpec("it.absent", 1, (short) 1, Map.of());
        try (Admin admin = kafka.admin()) {
            ProvisioningReport report = new TopicProvisioner(admin, TIMEOUT)
                    .provision(List.of(absent), TopicProvisioner.Mode.CHECK_ONLY);

            assertEquals(List.of("it.absent"), report.missing());
            assertTrue(!kafka.topicNames().contains("it.absent"));
            assertEquals("it.absent: missing", report.describeProblems());
        }
    }
}
