package io.aegis.registry.security;

import io.aegis.registry.security.Access.Level;
import java.util.Optional;

/**
 * Who may do what: every user reads; registering needs an admin or a {@code write-subjects}
 * prefix of the subject; everything else that changes state needs an admin. Plain Java, so the
 * rules are tested without HTTP. The denial text follows Confluent's ("User is denied operation
 * Write on Subject: …") and then names the rule.
 */
public final class AccessPolicy {

    /** Request attribute in which the security rule leaves a denial, for the 403 body to name it. */
    public static final String DENIAL_ATTRIBUTE = "aegis.registry.access-denial";

    private AccessPolicy() {
    }

    /**
     * Why {@code user} may not make this call, or empty when it may.
     *
     * @param subject the subject the call registers under (REGISTER only; null when unknown)
     * @param call    the call as "METHOD path", named in the denial
     */
    public static Optional<String> denial(RegistryUser user, Level level, String subject, String call) {
        return switch (level) {
            case READ -> Optional.empty();
            case REGISTER -> user.mayRegisterUnder(subject) ? Optional.empty() : Optional.of("User '" + user.name()
                    + "' is denied operation Write on Subject: " + subject + " (" + call + "): registering a version"
                    + " needs an admin user or a write-subjects prefix of the subject; this user's prefixes: "
                    + user.writeSubjects());
            case ADMIN -> user.admin() ? Optional.empty() : Optional.of("User '" + user.name()
                    + "' is denied operation " + call + ": changing compatibility levels and deleting need an admin"
                    + " user");
        };
    }
}
