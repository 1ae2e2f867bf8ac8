package io.aegis.registry.domain;

import java.util.ArrayList;
import java.util.List;

/** A store whose log is a list applied synchronously: the domain rules without Kafka. */
final class InMemorySchemaStore implements SchemaStore {

    private final RegistryState state = new RegistryState(CompatibilityLevel.BACKWARD);
    private final List<LogEntry> log = new ArrayList<>();

    @Override
    public synchronized Outcome append(LogEntry entry) {
        log.add(entry);
        return state.apply(entry);
    }

    @Override
    public RegistryState state() {
        return state;
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus(true, "in memory");
    }

    synchronized List<LogEntry> log() {
        return List.copyOf(log);
    }
}
