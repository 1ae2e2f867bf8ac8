package io.aegis.node.messaging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the webhook worker is doing, for health and metrics: written by the worker thread, read by
 * anyone. {@code RECOVERING} means its consumer failed and it is about to subscribe again;
 * {@code DEAD} means the thread ended while the node was running, which only an unexpected error
 * can cause (it is logged).
 */
public final class WebhookWorkerStatus {

    /** The worker's phases. */
    public enum State { STARTING, RUNNING, RECOVERING, STOPPED, DEAD }

    private volatile State state = State.STARTING;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile int inFlight;
    private final AtomicLong restarts = new AtomicLong();

    public State state() {
        return state;
    }

    /** True unless the worker is recovering from an error or has died. */
    public boolean healthy() {
        return state != State.RECOVERING && state != State.DEAD;
    }

    public long restarts() {
        return restarts.get();
    }

    public int inFlight() {
        return inFlight;
    }

    void running() {
        state = State.RUNNING;
    }

    void inFlight(int count) {
        inFlight = count;
    }

    void failed(Throwable error) {
        lastError = error.toString();
        lastErrorAt = Instant.now();
        inFlight = 0;
        state = State.RECOVERING;
        restarts.incrementAndGet();
    }

    void ended(boolean stopping) {
        inFlight = 0;
        state = stopping ? State.STOPPED : State.DEAD;
    }

    /** The details a health indicator shows. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        details.put("inFlight", inFlight);
        details.put("restarts", restarts.get());
        if (lastError != null) {
            details.put("lastError", lastError);
            details.put("lastErrorAt", String.valueOf(lastErrorAt));
        }
        return details;
    }
}
