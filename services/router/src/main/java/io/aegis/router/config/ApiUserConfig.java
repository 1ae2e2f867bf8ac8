package io.aegis.router.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * One user of the router's HTTP API ({@code aegis.router.api.users.<name>.*}). Only the SHA-256
 * of the user's password is configured, never the password. Exactly one of {@code country} and
 * {@code coordination: true} says whose signals the user sees; {@code ApiUsers} checks it (all
 * three are nullable here so that the check, not the binder, names what is missing).
 *
 * @param name           the user name, from the configuration key
 * @param passwordSha256 lowercase hex SHA-256 of the password
 * @param country        the member this user acts for (sees that origin's signals only), or null
 * @param coordination   true for the coordination centre's operators (see every signal), or null
 */
@EachProperty("aegis.router.api.users")
public record ApiUserConfig(@Parameter String name, @Nullable String passwordSha256, @Nullable String country,
                            @Nullable Boolean coordination) {

    @Override
    public String toString() {
        return "ApiUserConfig[name=" + name + ", country=" + country + ", coordination=" + coordination + "]";
    }
}
