package io.aegis.node.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The webhook consumer's thread body: subscribes a fresh consumer and runs {@link WebhookPollLoop}
 * until stopped. Invariant: it does not end while the node runs: after any consumer error it
 * records it in {@link WebhookWorkerStatus}, closes that consumer without committing (its
 * uncommitted records are read again), waits the retry backoff and subscribes anew. Webhook feeds
 * and e-mail paging ({@code io.aegis.node.paging}) both run one.
 */
public final class WebhookWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookWorker.class);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final String topic;
    private final Function<ConsumerRecord<byte[], byte[]>, CompletableFuture<Void>> deliver;
    private final Duration retryBackoff;
    private final WebhookWorkerStatus status;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile boolean running = true;

    public WebhookWorker(Supplier<Consumer<byte[], byte[]>> consumers, String topic,
                  Function<ConsumerRecord<byte[], byte[]>, CompletableFuture<Void>> deliver, Duration retryBackoff,
                  WebhookWorkerStatus status) {
        this.consumers = consumers;
        this.topic = topic;
        this.deliver = deliver;
        this.retryBackoff = retryBackoff;
        this.status = status;
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    consume();
                } catch (WakeupException e) {
                    if (running) {
                        status.failed(e);
                    }
                } catch (RuntimeException e) {
                    status.failed(e);
                    LOG.error("{}: consumer of {} failed; uncommitted records are read again after re-subscribing in {}",
                            Thread.currentThread().getName(), topic, retryBackoff, e);
                }
                if (running) {
                    awaitStop(retryBackoff);
                }
            }
        } finally {
            status.ended(!running);
            if (running) {
                LOG.error("{}: worker ended unexpectedly; records of {} are no longer delivered", Thread.currentThread().getName(), topic);
            }
        }
    }

    private void consume() {
        try (Consumer<byte[], byte[]> current = consumers.get()) {
            consumer = current;
            WebhookPollLoop loop = new WebhookPollLoop(current, deliver, retryBackoff, System::nanoTime);
            current.subscribe(List.of(topic), loop);
            status.running();
            while (running) {
                loop.pollOnce();
                status.inFlight(loop.inFlight());
            }
        }
    }

    private void awaitStop(Duration wait) {
        try {
            stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Asks the worker to end; it closes its consumer and returns from {@link #run()} shortly. */
    public void stop() {
        running = false;
        stopping.countDown();
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
