package io.aegis.router.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** 503 in the API's error shape while the router's stores are not queryable (starting, restoring, rebalancing). */
@Singleton
public class StoreUnavailableHandler implements ExceptionHandler<InvalidStateStoreException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, InvalidStateStoreException e) {
        return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ApiError.of("the router's receipts store is not ready (starting, restoring or rebalancing); retry later"));
    }
}
