package io.aegis.registry.config;

import io.aegis.registry.security.UserDirectory;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.util.List;

/**
 * Builds the user directory from {@code aegis.registry.auth.users.*} when the application starts,
 * so that a registry without users, or with a malformed one, refuses to start instead of
 * answering 401 to everyone (or anything to anyone).
 */
@Factory
public class UsersFactory {

    @Context
    UserDirectory userDirectory(List<RegistryUserConfig> users) {
        return new UserDirectory(users);
    }
}
