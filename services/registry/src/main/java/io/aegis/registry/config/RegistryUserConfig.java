package io.aegis.registry.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * One user of the registry's REST API ({@code aegis.registry.auth.users.<name>.*}). Only the
 * SHA-256 of the password is configured, never the password itself. Validated by
 * {@link io.aegis.registry.security.UserDirectory}, which refuses to start the registry on a
 * missing or malformed value.
 *
 * @param name           the user name sent in HTTP Basic credentials, from the configuration key
 * @param passwordSha256 lowercase hex SHA-256 of the password (64 characters)
 * @param admin          may change compatibility levels, delete, and register under any subject
 * @param writeSubjects  subject-name prefixes this (non-admin) user may register versions under
 */
@EachProperty("aegis.registry.auth.users")
public record RegistryUserConfig(@Parameter String name,
                                 @Nullable String passwordSha256,
                                 @Bindable(defaultValue = "false") boolean admin,
                                 @Nullable List<String> writeSubjects) {

    @Override
    public String toString() {
        return "RegistryUserConfig[name=" + name + ", admin=" + admin + ", writeSubjects=" + writeSubjects + "]";
    }
}
