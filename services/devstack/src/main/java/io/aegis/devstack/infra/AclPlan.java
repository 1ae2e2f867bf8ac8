package io.aegis.devstack.infra;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code infra/acls.yaml} expanded for a member list: every principal with its grants, the
 * {@code {cc}} of per-country entries replaced by each member code. Rejects a malformed file
 * naming the entry and field at fault.
 *
 * @param principals every principal, per-country ones first in member order
 */
public record AclPlan(List<Principal> principals) {

    private static final List<String> TYPES = List.of("TOPIC", "GROUP", "TRANSACTIONAL_ID", "CLUSTER");
    private static final Set<String> OPERATIONS = Set.of("READ", "WRITE", "DESCRIBE", "CREATE", "DELETE", "ALTER",
            "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE", "ALL", "CLUSTER_ACTION");

    /** One principal ({@code User:name}) and what it may do. */
    public record Principal(String principal, List<Grant> grants) {

        /** The user name after {@code User:}. */
        public String user() {
            return principal.substring(principal.indexOf(':') + 1);
        }
    }

    /** One grant: resource type, name, pattern (LITERAL or PREFIXED), operations and host. */
    public record Grant(String type, String name, String pattern, List<String> operations, String host) {
    }

    public AclPlan {
        principals = List.copyOf(principals);
    }

    public static AclPlan load(Path file, List<String> members) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(root instanceof Map<?, ?> doc)) {
                throw new IllegalArgumentException(file + ": must be a mapping with 'perCountry' and 'principals'");
            }
            List<Principal> principals = new ArrayList<>();
            List<?> perCountry = list(doc.get("perCountry"), "perCountry");
            for (String cc : members) {
                for (int i = 0; i < perCountry.size(); i++) {
                    principals.add(principal(perCountry.get(i), "perCountry[" + i + "]", cc));
                }
            }
            List<?> shared = list(doc.get("principals"), "principals");
            for (int i = 0; i < shared.size(); i++) {
                principals.add(principal(shared.get(i), "principals[" + i + "]", null));
            }
            return new AclPlan(principals);
        }
    }

    private static Principal principal(Object raw, String where, String country) {
        if (!(raw instanceof Map<?, ?> entry) || !(entry.get("principal") instanceof String name)) {
            throw new IllegalArgumentException(where + ".principal is required");
        }
        List<?> rawGrants = list(entry.get("grants"), where + ".grants");
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < rawGrants.size(); i++) {
            grants.add(grant(rawGrants.get(i), where + ".grants[" + i + "]", country));
        }
        return new Principal(expand(name, country), grants);
    }

    private static Grant grant(Object raw, String where, String country) {
        if (!(raw instanceof Map<?, ?> g)) {
            throw new IllegalArgumentException(where + " must be a mapping");
        }
        String type = upper(g.get("type"));
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(where + ".type must be one of " + TYPES + ", got " + g.get("type"));
        }
        List<String> operations = list(g.get("operations"), where + ".operations").stream().map(AclPlan::upper).toList();
        operations.stream().filter(op -> !OPERATIONS.contains(op)).findFirst().ifPresent(op -> {
            throw new IllegalArgumentException(where + ".operations has unknown operation " + op);
        });
        String pattern = g.get("pattern") == null ? "LITERAL" : upper(g.get("pattern"));
        if (!pattern.equals("LITERAL") && !pattern.equals("PREFIXED")) {
            throw new IllegalArgumentException(where + ".pattern must be LITERAL or PREFIXED, got " + g.get("pattern"));
        }
        String host = g.get("host") == null ? "*" : String.valueOf(g.get("host"));
        return new Grant(type, expand(String.valueOf(g.get("name")), country), pattern, operations, host);
    }

    private static String expand(String text, String country) {
        return country == null ? text : text.replace("{cc}", country);
    }

    private static String upper(Object value) {
        return String.valueOf(value).toUpperCase(Locale.ROOT);
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " must be a list");
        }
        return list;
    }
}
