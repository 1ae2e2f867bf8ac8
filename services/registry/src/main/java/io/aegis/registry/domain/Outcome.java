package io.aegis.registry.domain;

import java.util.List;

/**
 * What applying one {@link LogEntry} did.
 *
 * @param accepted whether the entry took effect
 * @param reason why a claim was refused (empty when accepted)
 * @param deletedVersions the versions a subject deletion soft-deleted
 */
public record Outcome(boolean accepted, String reason, List<Integer> deletedVersions) {

    public Outcome {
        deletedVersions = List.copyOf(deletedVersions);
    }

    public static Outcome applied() {
        return new Outcome(true, "", List.of());
    }

    public static Outcome deleted(List<Integer> versions) {
        return new Outcome(true, "", versions);
    }

    public static Outcome refused(String reason) {
        return new Outcome(false, reason, List.of());
    }
}
