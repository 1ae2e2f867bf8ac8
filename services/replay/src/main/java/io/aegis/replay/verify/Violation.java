package io.aegis.replay.verify;

/**
 * One broken guarantee found in the record.
 *
 * @param check    which check found it: audit-chain, case-chain, case-state, content-hash, signature, origin, non-leak
 * @param evidence {@code topic/partition@offset} of the offending record
 * @param message  what is wrong, naming the field and the rule
 */
public record Violation(String check, String evidence, String message) {

    @Override
    public String toString() {
        return "[" + check + "] " + evidence + ": " + message;
    }
}
