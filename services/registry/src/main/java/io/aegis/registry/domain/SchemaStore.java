package io.aegis.registry.domain;

/**
 * Where the registry's log lives. Writes are appended to the log and answered only once this
 * instance's {@link #state()} has applied them, so a caller reads its own writes.
 */
public interface SchemaStore {

    /**
     * Appends an entry and waits until the local state has applied it.
     *
     * @return what applying the entry did (a conditional claim may have been refused)
     * @throws RegistryException 50001 if the log cannot take the write, 50002 on a timeout
     */
    Outcome append(LogEntry entry);

    /** The state rebuilt from the log so far. */
    RegistryState state();

    /** Whether the store has caught up with the log and can serve. */
    StoreStatus status();

    /**
     * Readiness of a store.
     *
     * @param ready true once the log was read up to its end at start-up and the reader is healthy
     * @param detail a human-readable description (position, lag or the last error)
     */
    record StoreStatus(boolean ready, String detail) {
    }
}
