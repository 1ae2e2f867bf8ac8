package io.aegis.router.domain;

import io.aegis.policy.Violation;
import io.aegis.schema.routing.PolicyStatus;
import io.aegis.schema.routing.SharingPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Assigns policy versions and words the answers a country gets about its policy. Versions only
 * grow: a submitted change gets current + 1; a policy file is published only when the country has
 * no policy yet or the file declares a newer version.
 */
public final class PolicyVersions {

    private PolicyVersions() {
    }

    /** The next version of a policy submitted through the API (any version in the body is ignored). */
    public static SharingPolicy nextVersion(SharingPolicy submitted, SharingPolicy current) {
        int version = current == null ? 1 : current.getVersion() + 1;
        return SharingPolicy.newBuilder(submitted).setVersion(version).build();
    }

    /**
     * The answer a country gets on its inbox about a policy: accepted, or refused naming every
     * violation. Its version and policy are those now in force ({@code inForce}, null when none).
     */
    public static PolicyStatus answer(String country, SharingPolicy inForce, List<Violation> violations,
                                      String submittedBy, Instant decidedAt) {
        return PolicyStatus.newBuilder()
                .setCountry(country)
                .setAccepted(violations.isEmpty())
                .setVersion(inForce == null ? 0 : inForce.getVersion())
                .setPolicy(inForce)
                .setViolations(violations.stream().map(Violation::toString).toList())
                .setSubmittedBy(submittedBy)
                .setDecidedAt(decidedAt)
                .build();
    }

    /** The file policy to publish over {@code current}, or empty when the topic is already up to date. */
    public static Optional<SharingPolicy> fromFile(SharingPolicy file, SharingPolicy current) {
        if (current == null) {
            return Optional.of(SharingPolicy.newBuilder(file).setVersion(Math.max(1, file.getVersion())).build());
        }
        return file.getVersion() > current.getVersion() ? Optional.of(file) : Optional.empty();
    }
}
