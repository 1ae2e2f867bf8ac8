package io.aegis.response.config;

import io.aegis.response.domain.DutyOfficer;
import io.aegis.response.domain.Roster;
import io.aegis.response.domain.Rosters;
import io.aegis.schema.common.Tier;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads duty rosters from {@code infra/rosters/<CC>.yaml}. Rules: the file's {@code country} is
 * its name; every notifying tier (ELEVATED, SEVERE, CRITICAL) lists a primary and a backup, then
 * optional further levels; officer ids are lower-case node user names, unique within a roster;
 * time zones are IANA zone ids; every member has a roster. All problems are reported at once.
 */
public final class RosterLoader {

    /** Tiers whose cases notify duty officers, so every roster must cover them. */
    public static final List<Tier> NOTIFYING_TIERS = List.of(Tier.ELEVATED, Tier.SEVERE, Tier.CRITICAL);

    private static final Set<String> TOP = Set.of("country", "tiers");
    private static final Set<String> LEVELS = Set.of("primary", "backup", "further");
    private static final Set<String> OFFICER = Set.of("id", "name", "timeZone");

    private RosterLoader() {
    }

    /** Loads every {@code *.yaml} roster of the directory and checks that each member has one. */
    public static Rosters load(Path directory, Collection<String> members) {
        List<String> problems = new ArrayList<>();
        List<Roster> rosters = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.yaml")) {
            for (Path file : files) {
                Roster roster = read(file, problems);
                if (roster != null) {
                    rosters.add(roster);
                }
            }
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(directory + ": roster directory cannot be read: " + e.getMessage()));
        }
        Set<String> covered = new HashSet<>();
        rosters.forEach(roster -> covered.add(roster.country()));
        for (String member : members) {
            if (!covered.contains(member)) {
                problems.add(directory.resolve(member + ".yaml") + ": member " + member + " has no duty roster");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new Rosters(rosters);
    }

    static Roster read(Path file, List<String> problems) {
        Map<String, Object> root = YamlReader.load(file, problems);
        if (root == null) {
            return null;
        }
        int before = problems.size();
        YamlReader yaml = new YamlReader(file.toString(), problems);
        yaml.rejectUnknown(root, "", TOP);
        String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        String country = yaml.string(root, "country", "");
        if (country != null && !country.equals(expected)) {
            yaml.problem("country", "must be " + expected + " (the file name), got '" + country + "'");
        }
        Map<String, Object> tiers = yaml.map(root.get("tiers"), "tiers");
        Map<Tier, List<DutyOfficer>> levels = new EnumMap<>(Tier.class);
        if (tiers != null) {
            tiers.forEach((key, value) -> {
                Tier tier = yaml.enumValue(Tier.class, key, "tiers." + key);
                List<DutyOfficer> officers = levels(yaml, value, "tiers." + key);
                if (tier != null && officers != null) {
                    levels.put(tier, officers);
                }
            });
            NOTIFYING_TIERS.stream().filter(tier -> !tiers.containsKey(tier.name()))
                    .forEach(tier -> yaml.problem("tiers." + tier, "is required: every roster covers " + NOTIFYING_TIERS));
        }
        uniqueIds(yaml, levels);
        return problems.size() == before ? new Roster(country, levels) : null;
    }

    private static List<DutyOfficer> levels(YamlReader yaml, Object value, String path) {
        Map<String, Object> map = yaml.map(value, path);
        if (map == null) {
            return null;
        }
        yaml.rejectUnknown(map, path, LEVELS);
        List<DutyOfficer> officers = new ArrayList<>();
        officers.add(officer(yaml, map.get("primary"), path + ".primary"));
        officers.add(officer(yaml, map.get("backup"), path + ".backup"));
        if (map.containsKey("further")) {
            List<Object> further = yaml.list(map.get("further"), path + ".further");
            for (int i = 0; further != null && i < further.size(); i++) {
                officers.add(officer(yaml, further.get(i), path + ".further[" + i + "]"));
            }
        }
        return officers.contains(null) ? null : officers;
    }

    private static DutyOfficer officer(YamlReader yaml, Object value, String path) {
        Map<String, Object> map = yaml.map(value, path);
        if (map == null) {
            return null;
        }
        yaml.rejectUnknown(map, path, OFFICER);
        String id = yaml.string(map, "id", path);
        String name = yaml.string(map, "name", path);
        String zone = yaml.string(map, "timeZone", path);
        if (id != null && !id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            yaml.problem(path + ".id", "must be a node user name: lower-case letters, digits, '.', '_' or '-', got '"
                    + id + "'");
            return null;
        }
        try {
            return id == null || name == null || zone == null ? null : new DutyOfficer(id, name, ZoneId.of(zone));
        } catch (DateTimeException e) {
            yaml.problem(path + ".timeZone", "must be an IANA time zone such as Europe/Paris, got '" + zone + "'");
            return null;
        }
    }

    private static void uniqueIds(YamlReader yaml, Map<Tier, List<DutyOfficer>> levels) {
        levels.forEach((tier, officers) -> {
            Set<String> seen = new HashSet<>();
            officers.stream().map(DutyOfficer::id).filter(id -> !seen.add(id)).forEach(id ->
                    yaml.problem("tiers." + tier, "officer '" + id + "' appears at two levels; each level needs its own officer"));
        });
    }
}
