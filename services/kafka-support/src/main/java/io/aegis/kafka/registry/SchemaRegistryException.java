package io.aegis.kafka.registry;

/**
 * A schema registry operation failed. The message always names the registry (URL or
 * "in-memory"), the operation and, when the registry answered, its HTTP status and
 * Confluent error code.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Confluent error code: subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: schema not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code: invalid schema. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent error code: schema incompatible with an earlier version (HTTP 409). */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Confluent error code: the authenticated user may not do this (HTTP 403). */
    public static final int FORBIDDEN = 40301;

    private final String registry;
    private final String operation;
    private final int httpStatus;
    private final int errorCode;
    private final String detail;

    public SchemaRegistryException(String registry, String operation, int httpStatus, int errorCode,
                                   String detail, Throwable cause) {
        super(message(registry, operation, httpStatus, errorCode, detail), cause);
        this.registry = registry;
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.detail = detail == null ? "" : detail;
    }

    /** A failure without an answer from the registry (unreachable, timed out, unreadable reply). */
    public static SchemaRegistryException unreachable(String registry, String operation, String detail,
                                                      Throwable cause) {
        return new SchemaRegistryException(registry, operation, 0, 0, detail, cause);
    }

    /** The registry URL, or "in-memory". */
    public String registry() {
        return registry;
    }

    /** The operation that failed, e.g. "register subject 'aegis.policies-value'". */
    public String operation() {
        return operation;
    }

    /** HTTP status of the answer, 0 when the registry did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent {@code error_code} of the answer, 0 when absent. */
    public int errorCode() {
        return errorCode;
    }

    /** What went wrong, without the registry and operation: the registry's message or the I/O failure. */
    public String detail() {
        return detail;
    }

    /**
     * True when the registry could not be reached or failed on its side (no answer, or HTTP 5xx):
     * retrying later may succeed, and the record involved is not at fault.
     */
    public boolean isTransient() {
        return httpStatus == 0 || httpStatus >= 500;
    }

    /** True when the registry refused the credentials, or needs some and none were sent (HTTP 401). */
    public boolean isUnauthorized() {
        return httpStatus == 401;
    }

    /** True when the registry forbade the operation to the authenticated user (HTTP 403). */
    public boolean isForbidden() {
        return httpStatus == 403;
    }

    /** True when the subject, version or schema does not exist (HTTP 404). */
    public boolean isNotFound() {
        return httpStatus == 404;
    }

    private static String message(String registry, String operation, int httpStatus, int errorCode,
                                  String detail) {
        StringBuilder text = new StringBuilder("schema registry ").append(registry).append(": ")
                .append(operation).append(" failed");
        if (httpStatus > 0) {
            text.append(" (HTTP ").append(httpStatus);
            if (errorCode > 0) {
                text.append(", error_code ").append(errorCode);
            }
            text.append(')');
        }
        if (detail != null && !detail.isBlank()) {
            text.append(": ").append(detail);
        }
        return text.toString();
    }
}
