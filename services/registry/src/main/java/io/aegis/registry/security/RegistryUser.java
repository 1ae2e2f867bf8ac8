package io.aegis.registry.security;

import java.util.List;
import java.util.Objects;

/**
 * An authenticated user of the registry and what it may change. Every user may read; an admin may
 * also change compatibility levels, delete and register anywhere; a non-admin may register versions
 * only under subjects starting with one of its {@code writeSubjects} prefixes.
 *
 * @param name          the user name of its HTTP Basic credentials
 * @param admin         whether the user may do every write
 * @param writeSubjects subject-name prefixes the user may register versions under (never blank)
 */
public record RegistryUser(String name, boolean admin, List<String> writeSubjects) {

    public RegistryUser {
        Objects.requireNonNull(name, "name");
        writeSubjects = List.copyOf(writeSubjects);
    }

    /** True when this user may register a version under {@code subject}. */
    public boolean mayRegisterUnder(String subject) {
        return admin || (subject != null && writeSubjects.stream().anyMatch(subject::startsWith));
    }
}
