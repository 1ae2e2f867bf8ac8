package io.aegis.node.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.util.List;

/**
 * One API user of this node ({@code aegis.node.users.<name>.*}). Only the SHA-256 of the
 * user's bearer token is configured, never the token itself.
 *
 * @param name        the user (officer) id, from the configuration key
 * @param tokenSha256 lowercase hex SHA-256 of the bearer token
 * @param roles       any of PUBLISHER, DUTY_OFFICER, OPERATOR, ADMIN
 */
@EachProperty("aegis.node.users")
public record UserConfig(@Parameter String name, String tokenSha256, List<String> roles) {

    @Override
    public String toString() {
        return "UserConfig[name=" + name + ", roles=" + roles + "]";
    }
}
