package io.aegis.node.config;

import io.aegis.policy.Members;
import io.aegis.policy.MembersYaml;
import io.aegis.policy.PolicyValidationException;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The network's member list ({@code aegis.members-file}, by default {@code <aegis.infra.dir>/members.yaml}),
 * read once at start: the node validates policy submissions against it synchronously, with the same
 * library the router uses, so a 202 means the router will accept the policy too. A missing or
 * broken file stops the node naming the setting.
 */
@Factory
public class MembersFactory {

    @Singleton
    Members members(@Value("${aegis.members-file:}") String membersFile, @Value("${aegis.infra.dir:infra}") String infraDir) {
        Path file = membersFile.isBlank() ? Path.of(infraDir, "members.yaml") : Path.of(membersFile);
        try {
            return MembersYaml.load(file);
        } catch (PolicyValidationException e) {
            throw new ConfigurationException("aegis.members-file (" + file.toAbsolutePath() + "): " + e.getMessage(), e);
        }
    }
}
