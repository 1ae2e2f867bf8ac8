package io.aegis.devstack.demo;

import io.aegis.policy.PolicyDocument;
import io.aegis.schema.common.CoordinationLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The example sharing policy a devstack node gets when {@code infra/policies/<CC>.yaml} does
 * not provide one. The first three demo countries trust each other; the others trust each
 * other. GREEN goes to everyone, AMBER and above only to the trusted group, e-mail indicators
 * are stripped outside it, and the coordination centre sees HASHED indicators.
 */
public final class DemoPolicies {

    private DemoPolicies() {
    }

    /** The countries {@code country} trusts among {@code countries}. */
    public static List<String> trusted(String country, List<String> countries) {
        int split = Math.min(3, countries.size());
        List<String> circle = countries.indexOf(country) < split ? countries.subList(0, split)
                : countries.subList(split, countries.size());
        List<String> trusted = new ArrayList<>(circle);
        trusted.remove(country);
        return trusted;
    }

    /**
     * {@code countries} with those whose seeded policy ({@code <policyDir>/<CC>.yaml}, else this demo
     * default, HASHED) names their signals to the coordination centre first, COUNT_ONLY ones last, each
     * part in the given order. A COUNT_ONLY report carries only its category × sector to the coordination
     * centre, so it never founds an incident of its own and is never named on a case.
     */
    public static List<String> namedFirst(Path policyDir, List<String> countries) throws IOException {
        List<String> named = new ArrayList<>();
        List<String> countedOnly = new ArrayList<>();
        for (String country : countries) {
            (countOnly(policyDir, country) ? countedOnly : named).add(country);
        }
        named.addAll(countedOnly);
        return named;
    }

    /** Whether the country's seeded policy tells the coordination centre counts only. */
    public static boolean countOnly(Path policyDir, String country) throws IOException {
        Path file = policyDir.resolve(country + ".yaml");
        return Files.isRegularFile(file) && PolicyDocument.parse(Files.readString(file),
                Instant.now(), "devstack").getCoordination() == CoordinationLevel.COUNT_ONLY;
    }

    /** The policy YAML of {@code country}. */
    public static String yaml(String country, List<String> countries) {
        List<String> trusted = trusted(country, countries);
        StringBuilder yaml = new StringBuilder()
                .append("# Example policy of ").append(country).append(" (devstack default).\n")
                .append("country: ").append(country).append('\n')
                .append("groups:\n  trusted: ").append(trusted).append('\n')
                .append("rules:\n")
                .append("  - id: share-green\n    effect: ALLOW\n    to: [\"*\"]\n    tlp: [CLEAR, GREEN]\n");
        if (!trusted.isEmpty()) {
            yaml.append("  - id: amber-to-trusted\n    effect: ALLOW\n    to: [\"group:trusted\"]\n")
                    .append("    tlp: [AMBER, AMBER+STRICT, RED]\n")
                    .append("  - id: strip-personal-data\n    effect: REDACT\n    to: [\"*\"]\n")
                    .append("    except: [\"group:trusted\"]\n    fields: [\"indicators[type=EMAIL]\"]\n");
        }
        return yaml.append("coordination: HASHED\nattribution: COUNTRY\n").toString();
    }
}
