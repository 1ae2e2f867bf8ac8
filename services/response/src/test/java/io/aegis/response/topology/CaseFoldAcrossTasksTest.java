package io.aegis.response.topology;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.escalation;
import static io.aegis.response.domain.Fixtures.fact;
import static io.aegis.response.domain.Fixtures.groupUpdate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.response.domain.CaseIds;
import io.aegis.response.domain.Fixtures;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseFold;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.SignalDisclosure;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The fold when the absorbed group's cases live in another task than the survivor's (production runs the
 * workflow over several partitions): two processors with stores of their own, the fold steps each
 * forwards delivered to the task of the partition they are placed on, as the folds topic would.
 */
class CaseFoldAcrossTasksTest {

    private static final int PARTITIONS = 4;
    private static final String SURVIVOR = keyOnPartition("campaign:survivor-", 0);
    private static final String ABSORBED = keyOnPartition("campaign:absorbed-", 1);

    private final SerdeFactory serdes = new SerdeFactory(new InMemorySchemaRegistryClient());
    private final List<Task> tasks = List.of(new Task(0), new Task(1), new Task(2), new Task(3));
    private final Map<String, EmergencyCase> cases = new LinkedHashMap<>();
    private final List<CaseFold> folds = new ArrayList<>();

    @Test
    void shouldResolveTheAbsorbedCaseInItsTaskAndGrowTheSurvivorsInTheOther() {
        // given one open case per group, each in its own task
        escalate(named(escalation(Tier.SEVERE, Tier.ELEVATED, "DE", "FR"), SURVIVOR));
        escalate(absorbedCase());
        String survivorId = CaseIds.caseId(SURVIVOR, 1);
        String absorbedId = CaseIds.caseId(ABSORBED, 1);

        // when the survivor's group update names the absorbed group
        Escalation merging = named(groupUpdate(Tier.SEVERE, fact("s-m", "DE", Attribution.COUNTRY, "FR"), "DE", "FR", "JP", "KE"),
                SURVIVOR);
        merging.setAbsorbedGroups(List.of(ABSORBED));
        escalate(merging);

        // then a request went to the absorbed group's task and the hand-over came back
        assertEquals(2, folds.size(), folds.toString());
        assertNull(folds.get(0).getAbsorbedCase());
        assertEquals(absorbedId, folds.get(1).getAbsorbedCase().getCaseId());
        assertEquals(CaseState.RESOLVED, cases.get(absorbedId).getState());
        assertEquals("merged into " + survivorId, cases.get(absorbedId).getResolution());
        EmergencyCase survivor = cases.get(survivorId);
        assertTrue(survivor.getSignalIds().containsAll(List.of("s-ke", "s-m")), survivor.getSignalIds().toString());
        assertEquals(List.of("DE", "FR", "JP", "KE"), survivor.getInvolvedCountries().stream().sorted().toList());

        // when a late disclosure update of the absorbed group reaches its task, it is redirected to the survivor's case
        Escalation late = named(escalation(Tier.SEVERE, null), ABSORBED);
        late.setDisclosureUpdate(true);
        late.setSignalIds(List.of());
        late.setDisclosures(List.of(new SignalDisclosure("s-ke", "KE", false, Attribution.ANONYMOUS, List.of())));
        escalate(late);

        assertTrue(folds.get(2).getRedirect());
        SignalDisclosure ke = cases.get(survivorId).getDisclosures().stream()
                .filter(d -> d.getSignalId().equals("s-ke")).findFirst().orElseThrow();
        assertTrue(ke.getAudience().isEmpty(), ke.toString());
    }

    @Test
    void shouldOpenTheSurvivorsCaseWithTheIdTheAbsorbedCaseWasResolvedInto() {
        // given only the absorbed group has a case
        escalate(absorbedCase());

        // when the survivor's first record naming it is a group update (which alone opens nothing)
        Escalation merging = named(groupUpdate(Tier.SEVERE, fact("s-m", "DE", Attribution.COUNTRY, "FR"), "DE", "JP", "KE"),
                SURVIVOR);
        merging.setAbsorbedGroups(List.of(ABSORBED));
        escalate(merging);

        // then the survivor's task opens the case the absorbed one was resolved into, and it takes the incident in
        String survivorId = CaseIds.caseId(SURVIVOR, 1);
        assertEquals("merged into " + survivorId, cases.get(CaseIds.caseId(ABSORBED, 1)).getResolution());
        assertEquals(CaseState.OPEN, cases.get(survivorId).getState());
        assertTrue(cases.get(survivorId).getSignalIds().contains("s-ke"));
    }

    private void escalate(Escalation escalation) {
        Deque<Record<String, SpecificRecord>> pending = new ArrayDeque<>();
        pending.add(new Record<>(CaseIds.group(escalation.getCorrelationKey()), escalation, T0.toEpochMilli()));
        while (!pending.isEmpty()) {
            Record<String, SpecificRecord> record = pending.poll();
            Task task = tasks.get(FoldPartitioner.partitionOf(record.key(), PARTITIONS));
            task.processor.process(record);
            for (var forwarded : task.context.forwarded()) {
                SpecificRecord value = forwarded.record().value();
                if (value instanceof CaseFold fold) {
                    folds.add(fold);
                    pending.add(new Record<>(forwarded.record().key(), fold, forwarded.record().timestamp()));
                } else if (value instanceof EmergencyCase kase) {
                    cases.put(kase.getCaseId(), kase);
                }
            }
            task.context.resetForwards();
        }
    }

    private static Escalation absorbedCase() {
        Escalation escalation = named(escalation(Tier.SEVERE, Tier.ELEVATED, "JP", "KE"), ABSORBED);
        escalation.setSignalIds(List.of("s-ke"));
        escalation.setDisclosures(List.of(fact("s-ke", "KE", Attribution.ANONYMOUS, "JP")));
        return escalation;
    }

    private static Escalation named(Escalation escalation, String correlationKey) {
        escalation.setCorrelationKey(correlationKey);
        return escalation;
    }

    /** A correlation key whose routing group goes to {@code partition}. */
    private static String keyOnPartition(String prefix, int partition) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (FoldPartitioner.partitionOf(CaseIds.group(key), PARTITIONS) == partition) {
                return key;
            }
        }
    }

    /** One stream task of the workflow: its processor, context and stores. */
    private final class Task {

        final MockProcessorContext<String, SpecificRecord> context;
        final CaseWorkflowProcessor processor;

        Task(int partition) {
            try {
                File stateDir = Files.createTempDirectory("fold-task").toFile();
                Properties config = new Properties();
                config.put(StreamsConfig.APPLICATION_ID_CONFIG, "fold-test");
                config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
                context = new MockProcessorContext<>(config, new TaskId(0, partition), stateDir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            context.setCurrentSystemTimeMs(T0.toEpochMilli());
            store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ResponseTopology.CASES_STORE), Serdes.String(),
                    serdes.value(EmergencyCase.class)).withLoggingDisabled().build());
            store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ResponseTopology.GROUPS_STORE), Serdes.String(),
                    Serdes.String()).withLoggingDisabled().build());
            store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ResponseTopology.TIMERS_STORE), Serdes.String(),
                    Serdes.Long()).withLoggingDisabled().build());
            processor = new CaseWorkflowProcessor(Fixtures.workflow(), java.time.Duration.ofSeconds(1), PARTITIONS);
            processor.init(context);
        }

        private void store(KeyValueStore<String, ?> store) {
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
    }
}
