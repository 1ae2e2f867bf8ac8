package io.aegis.node.api;

import io.aegis.node.domain.InvalidRequestException;
import io.aegis.node.domain.MalformedBodyException;
import io.aegis.node.messaging.KafkaUnavailableException;
import io.aegis.node.messaging.RegistryUnavailableException;
import io.aegis.node.messaging.StoreUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the node's own exceptions to the one error shape and its status. */
public final class ErrorHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    private ErrorHandlers() {
    }

    @Singleton
    public static class Invalid implements ExceptionHandler<InvalidRequestException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, InvalidRequestException e) {
            return HttpResponse.<ApiError>status(HttpStatus.UNPROCESSABLE_ENTITY).body(ApiError.of(e.getMessage(), e.violations()));
        }
    }

    @Singleton
    public static class Malformed implements ExceptionHandler<MalformedBodyException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, MalformedBodyException e) {
            return HttpResponse.<ApiError>badRequest().body(ApiError.of(e.getMessage()));
        }
    }

    @Singleton
    public static class KafkaUnavailable implements ExceptionHandler<KafkaUnavailableException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, KafkaUnavailableException e) {
            LOG.warn("503 for {} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
            return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(ApiError.of("Kafka did not acknowledge the write in time; nothing was accepted, retry later"));
        }
    }

    @Singleton
    public static class RegistryUnavailable implements ExceptionHandler<RegistryUnavailableException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, RegistryUnavailableException e) {
            LOG.warn("503 for {} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
            return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiError.of("schema registry "
                    + e.registry() + " could not be reached in time; nothing was accepted, retry later"));
        }
    }

    @Singleton
    public static class StoreUnavailable implements ExceptionHandler<StoreUnavailableException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, StoreUnavailableException e) {
            return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiError.of(e.getMessage()));
        }
    }

    @Singleton
    public static class NotFound implements ExceptionHandler<NotFoundException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, NotFoundException e) {
            return HttpResponse.<ApiError>notFound().body(ApiError.of(e.getMessage()));
        }
    }

    @Singleton
    public static class Conflict implements ExceptionHandler<ConflictException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ConflictException e) {
            return HttpResponse.<ApiError>status(HttpStatus.CONFLICT).body(ApiError.of(e.getMessage()));
        }
    }

    /** A TAXII request refused with its status; the TAXII filter renders it as the TAXII error resource. */
    @Singleton
    public static class Taxii implements ExceptionHandler<io.aegis.node.taxii.TaxiiException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, io.aegis.node.taxii.TaxiiException e) {
            return HttpResponse.<ApiError>status(HttpStatus.valueOf(e.status())).body(ApiError.of(e.getMessage()));
        }
    }
}
