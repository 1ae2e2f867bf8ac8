package io.aegis.devstack.services;

import io.aegis.devstack.domain.DemoRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Names the demo users of a node. The officer is the primary CRITICAL officer of the
 * country's roster in {@code infra/rosters/<CC>.yaml}, so the notifications the response
 * service addresses to that officer reach the devstack's officer token.
 */
public final class Rosters {

    private final Path rosterDir;

    public Rosters(Path rosterDir) {
        this.rosterDir = rosterDir;
    }

    /** The user id of {@code role} on the node of {@code country}. */
    public String userId(String country, DemoRole role) {
        if (role != DemoRole.OFFICER) {
            return role.defaultUserId(country);
        }
        try {
            Map<String, Object> roster = MembersFile.readYaml(rosterDir.resolve(country + ".yaml"));
            if (roster.get("tiers") instanceof Map<?, ?> tiers && tiers.get("CRITICAL") instanceof Map<?, ?> critical
                    && critical.get("primary") instanceof Map<?, ?> primary && primary.get("id") != null) {
                return String.valueOf(primary.get("id"));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the roster of " + country + ": " + e.getMessage(), e);
        }
        return role.defaultUserId(country);
    }
}
