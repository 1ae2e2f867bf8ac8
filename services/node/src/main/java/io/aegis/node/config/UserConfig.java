package io.aegis.node.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One user of this node as configured ({@code aegis.node.users.<name>.*}): the bootstrap of the
 * user directory, which changes on {@code aegis.users.<CC>} override. Only hashes are configured,
 * never a token or a password, and {@link #toString()} renders neither hash. A user has a token
 * (machines), a password (people signing in) or both.
 *
 * @param name         the user (officer) id, from the configuration key
 * @param tokenSha256  lowercase hex SHA-256 of the bearer token, or null
 * @param passwordHash bcrypt hash of the password ({@code $2a$|$2b$|$2y$}, cost at least 12), or null
 * @param roles        any of PUBLISHER, DUTY_OFFICER, OPERATOR, ADMIN
 */
@EachProperty("aegis.node.users")
public record UserConfig(@Parameter String name, @Nullable String tokenSha256, @Nullable String passwordHash,
                         @Nullable List<String> roles) {

    @Override
    public String toString() {
        return "UserConfig[name=" + name + ", roles=" + roles + "]";
    }
}
