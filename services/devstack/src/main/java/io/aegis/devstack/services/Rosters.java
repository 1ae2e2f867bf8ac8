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

    /**
     * Every officer id of the country's roster (primary, backup and further levels of every tier),
     * each once, in roster order: the officers the node pages. A country without a roster has the
     * one default officer {@link #userId} names.
     */
    public java.util.List<String> officerIds(String country) {
        Map<String, Object> roster = read(country);
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        if (roster.get("tiers") instanceof Map<?, ?> tiers) {
            for (Object tier : tiers.values()) {
                if (tier instanceof Map<?, ?> levels) {
                    addId(ids, levels.get("primary"));
                    addId(ids, levels.get("backup"));
                    if (levels.get("further") instanceof java.util.List<?> further) {
                        further.forEach(officer -> addId(ids, officer));
                    }
                }
            }
        }
        return ids.isEmpty() ? java.util.List.of(userId(country, DemoRole.OFFICER)) : java.util.List.copyOf(ids);
    }

    private static void addId(java.util.Set<String> ids, Object officer) {
        if (officer instanceof Map<?, ?> entry && entry.get("id") != null) {
            ids.add(String.valueOf(entry.get("id")));
        }
    }

    private Map<String, Object> read(String country) {
        try {
            return MembersFile.readYaml(rosterDir.resolve(country + ".yaml"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the roster of " + country + ": " + e.getMessage(), e);
        }
    }

    /** The user id of {@code role} on the node of {@code country}. */
    public String userId(String country, DemoRole role) {
        if (role != DemoRole.OFFICER) {
            return role.defaultUserId(country);
        }
        Map<String, Object> roster = read(country);
        if (roster.get("tiers") instanceof Map<?, ?> tiers && tiers.get("CRITICAL") instanceof Map<?, ?> critical
                && critical.get("primary") instanceof Map<?, ?> primary && primary.get("id") != null) {
            return String.valueOf(primary.get("id"));
        }
        return role.defaultUserId(country);
    }
}
