package io.aegis.node.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** A remembered HTTP answer (status and body), replayed for a retry with the same Idempotency-Key. */
record Answer(int status, Object body) {

    MutableHttpResponse<Object> toResponse(boolean replayed) {
        MutableHttpResponse<Object> response = HttpResponse.status(HttpStatus.valueOf(status)).body(body);
        return replayed ? response.header("Idempotent-Replayed", "true") : response;
    }
}
