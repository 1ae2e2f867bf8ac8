package io.aegis.response.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the response service ({@code aegis.response.*}).
 *
 * @param rulesFile   the workflow rules: open tier, deadlines, quorums, obligations
 * @param rostersDir  directory of the per-country duty rosters {@code <CC>.yaml}
 * @param membersFile the member list; when it does not exist, the roster countries are the members
 * @param tick        how often due cases are looked for (wall clock)
 * @param partitions  partitions of the workflow's repartition topics, its parallelism
 */
@ConfigurationProperties("aegis.response")
public record ResponseProperties(
        @Bindable(defaultValue = "infra/response.yaml") @NotNull Path rulesFile,
        @Bindable(defaultValue = "infra/rosters") @NotNull Path rostersDir,
        @Bindable(defaultValue = "infra/members.yaml") @NotNull Path membersFile,
        @Bindable(defaultValue = "PT1S") @NotNull Duration tick,
        @Bindable(defaultValue = "6") @Min(1) int partitions) {
}
