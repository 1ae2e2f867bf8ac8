package io.aegis.devstack.drill;

import io.aegis.policy.Members;
import io.aegis.policy.MembersYaml;
import io.aegis.policy.PolicyDocument;
import io.aegis.policy.leak.PolicyReading;
import io.aegis.policy.leak.SignalFacts;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.SharingPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who must receive a drill signal of each origin, read from the origins' policies with the policy
 * library's plain reading ({@link PolicyReading}), not assumed. Invariant: a destination counts only
 * when the policy allows the copy with no embargo; an embargoed destination (e.g. FR's one-hour
 * delay to BR) is not expected during the drill, so a copy there counts as a leak.
 */
public final class DrillRecipients {

    private DrillRecipients() {
    }

    /** Per origin, the destinations a drill signal (GREEN, OTHER/OTHER, severity 2) reaches at once. */
    public static Map<String, Set<String>> immediate(Map<String, SharingPolicy> policies, Members members,
                                                     List<String> countries) {
        Map<String, Set<String>> recipients = new LinkedHashMap<>();
        for (String origin : countries) {
            SharingPolicy policy = policies.get(origin);
            Set<String> to = new TreeSet<>();
            if (policy != null) {
                SignalFacts facts = new SignalFacts(origin, Tlp.GREEN, List.of(), Category.OTHER, List.of(Sector.OTHER),
                        2, null);
                for (String destination : countries) {
                    PolicyReading.Verdict verdict = PolicyReading.read(policy, members, facts, destination);
                    if (verdict.allowed() && verdict.embargo().equals(Duration.ZERO)) {
                        to.add(destination);
                    }
                }
            }
            recipients.put(origin, java.util.Collections.unmodifiableSet(to));
        }
        return recipients;
    }

    /**
     * Reads {@code <policyDir>/<CC>.yaml} of each country that has one (the example policies the
     * router publishes at start-up) and the stack's members file, and answers {@link #immediate}.
     */
    public static Map<String, Set<String>> fromFiles(Path policyDir, Path membersFile, List<String> countries)
            throws IOException {
        Map<String, SharingPolicy> policies = new LinkedHashMap<>();
        for (String country : countries) {
            Path file = policyDir.resolve(country + ".yaml");
            if (Files.exists(file)) {
                policies.put(country, PolicyDocument.parse(Files.readString(file), Instant.now(), "drill"));
            }
        }
        return immediate(policies, MembersYaml.load(membersFile), countries);
    }
}
