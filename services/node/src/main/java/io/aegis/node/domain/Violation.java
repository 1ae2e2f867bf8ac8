package io.aegis.node.domain;

/**
 * One broken rule of a request, naming the field by its JSON path (e.g. {@code indicators[1].value}).
 *
 * @param field   JSON path of the offending field, or {@code ""} for the body as a whole
 * @param message the rule that failed, in words
 */
public record Violation(String field, String message) {
}
