package io.aegis.node.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * An HTTP answer (status and body), remembered and replayed for a retry with the same
 * Idempotency-Key unless {@code replayable} is false (an answer that reflects a passing outage
 * rather than the request, such as a batch partly refused by Kafka).
 */
record Answer(int status, Object body, boolean replayable) {

    Answer(int status, Object body) {
        this(status, body, true);
    }

    MutableHttpResponse<Object> toResponse(boolean replayed) {
        MutableHttpResponse<Object> response = HttpResponse.status(HttpStatus.valueOf(status)).body(body);
        return replayed ? response.header("Idempotent-Replayed", "true") : response;
    }
}
