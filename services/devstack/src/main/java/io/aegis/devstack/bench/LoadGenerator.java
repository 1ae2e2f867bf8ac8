package io.aegis.devstack.bench;

import io.aegis.devstack.demo.NodeClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop background load: background signals offered at a fixed rate, in batches through
 * {@code POST /api/v1/signals/batch}, round-robin over the nodes. Invariant: the offer never waits
 * for the network — when every sender is busy the batch is counted as dropped, not delayed — so
 * the accepted rate it reports is what the network really sustained.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final int SENDERS = 16;

    private final List<NodeClient> publishers;
    private final BenchSignals signals;
    private final int batchSize;
    private final long periodMicros;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedCalls = new AtomicLong();
    private volatile String lastFailure = "";

    /** Offers {@code ratePerSecond} signals a second in batches of {@code batchSize}. */
    public LoadGenerator(List<NodeClient> publishers, BenchSignals signals, int ratePerSecond, int batchSize) {
        if (publishers.isEmpty()) {
            throw new IllegalArgumentException("the load generator needs at least one publisher");
        }
        if (ratePerSecond < 1 || batchSize < 1 || batchSize > 1000 || batchSize > ratePerSecond) {
            throw new IllegalArgumentException("rate must be at least 1/s and batch size within 1..min(1000, rate), got rate "
                    + ratePerSecond + " and batch " + batchSize);
        }
        this.publishers = List.copyOf(publishers);
        this.signals = signals;
        this.batchSize = batchSize;
        this.periodMicros = 1_000_000L * batchSize / ratePerSecond;
    }

    public void start() {
        ticker.scheduleAtFixedRate(this::offer, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void offer() {
        if (inFlight.incrementAndGet() > SENDERS) {
            inFlight.decrementAndGet();
            dropped.addAndGet(batchSize);
            return;
        }
        long first = sequence.getAndAdd(batchSize);
        senders.execute(() -> {
            try {
                send(first);
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void send(long first) {
        List<Map<String, Object>> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            batch.add(signals.background(first + i));
        }
        NodeClient node = publishers.get((int) ((first / batchSize) % publishers.size()));
        try {
            NodeClient.Reply reply = node.postJson("/api/v1/signals/batch", Map.of("signals", batch));
            long ok = reply.body().get("accepted") instanceof Number n ? n.longValue() : 0;
            accepted.addAndGet(ok);
            rejected.addAndGet(batchSize - ok);
            if (ok < batchSize) {
                lastFailure = node.country() + " answered " + reply.status();
            }
        } catch (IOException e) {
            failedCalls.incrementAndGet();
            rejected.addAndGet(batchSize);
            lastFailure = node.country() + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Signals the nodes answered 202 for so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Signals refused or lost in a failed call. */
    public long rejected() {
        return rejected.get();
    }

    /** Signals never offered because every sender was still waiting for the network. */
    public long dropped() {
        return dropped.get();
    }

    public String lastFailure() {
        return failedCalls.get() + " failed calls" + (lastFailure.isEmpty() ? "" : "; last: " + lastFailure);
    }

    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        senders.shutdown();
        if (!senders.awaitTermination(30, TimeUnit.SECONDS)) {
            senders.shutdownNow();
        }
    }
}
