package io.aegis.response.domain;

import io.aegis.schema.common.Tier;
import java.time.Duration;
import java.util.Objects;

/**
 * A regulatory clock started on every case it applies to, counted from the case's assessment
 * (the moment it opens, or the moment the rule starts to apply).
 *
 * @param id                         short id, unique; also the tag a REPORT comment starts with
 * @param description                what must be done, in words
 * @param due                        time allowed
 * @param dueSoon                    how long before the due time officers are reminded
 * @param minTier                    lowest case tier the rule applies to
 * @param criticalInfrastructureOnly applies only to cases touching critical-infrastructure sectors
 * @param completion                 what meets the obligation
 */
public record ObligationRule(String id, String description, Duration due, Duration dueSoon, Tier minTier,
                             boolean criticalInfrastructureOnly, Completion completion) {

    public ObligationRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(dueSoon, "dueSoon");
        Objects.requireNonNull(minTier, "minTier");
        Objects.requireNonNull(completion, "completion");
    }

    public boolean appliesTo(Tier tier, boolean criticalInfrastructure) {
        return tier.compareTo(minTier) >= 0 && (criticalInfrastructure || !criticalInfrastructureOnly);
    }
}
