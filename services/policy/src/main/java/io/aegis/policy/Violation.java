package io.aegis.policy;

/**
 * One broken rule of a submitted document.
 *
 * @param field   path of the offending field, e.g. {@code rules[2].delay}
 * @param message what rule the value breaks
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
