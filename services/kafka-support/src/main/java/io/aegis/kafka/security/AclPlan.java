package io.aegis.kafka.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code infra/acls.yaml} expanded for a member list: every principal with its grants, the
 * {@code {cc}} of per-country entries replaced by each member code. The one reader of that file:
 * the ACL command, the devstack (which applies it before any service starts) and the Kubernetes
 * manifests all start here. Rejects a malformed file naming the entry and field at fault.
 * Anything not granted is denied by the authorizer.
 *
 * @param principals every principal, per-country ones first in member order
 */
public record AclPlan(List<Principal> principals) {

    private static final List<String> TYPES = List.of("TOPIC", "GROUP", "TRANSACTIONAL_ID", "CLUSTER");
    private static final Set<String> OPERATIONS = Set.of("READ", "WRITE", "DESCRIBE", "CREATE", "DELETE", "ALTER",
            "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE", "ALL", "CLUSTER_ACTION");

    /** One principal ({@code User:name}) and what it may do. */
    public record Principal(String principal, List<Grant> grants) {

        public Principal {
            grants = List.copyOf(grants);
        }

        /** The user name after {@code User:}. */
        public String user() {
            return principal.substring(principal.indexOf(':') + 1);
        }
    }

    /** One grant: resource type, name, pattern (LITERAL or PREFIXED), operations and host. */
    public record Grant(String type, String name, String pattern, List<String> operations, String host) {

        public Grant {
            operations = List.copyOf(operations);
        }
    }

    public AclPlan {
        principals = List.copyOf(principals);
    }

    /** Reads an acls file for the given member codes. */
    public static AclPlan load(Path file, List<String> members) throws IOException {
        try {
            return parse(Files.readString(file), members);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses acls YAML for the given member codes. */
    public static AclPlan parse(String yaml, List<String> members) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> doc)) {
            throw new IllegalArgumentException("must be a mapping with 'perCountry' and 'principals'");
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

    /** The user names of every principal, in plan order. */
    public List<String> users() {
        return principals.stream().map(Principal::user).toList();
    }

    /** The Kafka ALLOW bindings of the plan, each once. */
    public List<AclBinding> bindings() {
        Set<AclBinding> bindings = new LinkedHashSet<>();
        for (Principal principal : principals) {
            for (Grant grant : principal.grants()) {
                ResourcePattern resource = new ResourcePattern(ResourceType.valueOf(grant.type()), grant.name(),
                        PatternType.valueOf(grant.pattern()));
                for (String operation : grant.operations()) {
                    bindings.add(new AclBinding(resource, new AccessControlEntry(principal.principal(), grant.host(),
                            AclOperation.valueOf(operation), AclPermissionType.ALLOW)));
                }
            }
        }
        return List.copyOf(bindings);
    }

    private static Principal principal(Object raw, String where, String country) {
        if (!(raw instanceof Map<?, ?> entry) || !(entry.get("principal") instanceof String name)) {
            throw new IllegalArgumentException(where + ".principal is required (such as \"User:aegis-router\")");
        }
        List<?> rawGrants = list(entry.get("grants"), where + ".grants");
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < rawGrants.size(); i++) {
            grants.add(grant(rawGrants.get(i), where + ".grants[" + i + "]", country));
        }
        return new Principal(expand(name, country, where + ".principal"), grants);
    }

    private static Grant grant(Object raw, String where, String country) {
        if (!(raw instanceof Map<?, ?> g)) {
            throw new IllegalArgumentException(where + " must be a mapping with type, name and operations");
        }
        String type = upper(g.get("type"));
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(where + ".type must be one of " + TYPES + ", got " + g.get("type"));
        }
        if (!(g.get("name") instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException(where + ".name is required");
        }
        List<String> operations = list(g.get("operations"), where + ".operations").stream().map(AclPlan::upper).toList();
        if (operations.isEmpty()) {
            throw new IllegalArgumentException(where + ".operations must name at least one operation");
        }
        operations.stream().filter(op -> !OPERATIONS.contains(op)).findFirst().ifPresent(op -> {
            throw new IllegalArgumentException(where + ".operations has unknown operation " + op);
        });
        String pattern = g.get("pattern") == null ? "LITERAL" : upper(g.get("pattern"));
        if (!pattern.equals("LITERAL") && !pattern.equals("PREFIXED")) {
            throw new IllegalArgumentException(where + ".pattern must be LITERAL or PREFIXED, got " + g.get("pattern"));
        }
        String host = g.get("host") == null ? "*" : String.valueOf(g.get("host"));
        return new Grant(type, expand(name, country, where + ".name"), pattern, operations, host);
    }

    private static String expand(String text, String country, String where) {
        if (country == null && text.contains("{cc}")) {
            throw new IllegalArgumentException(where + " '" + text + "' uses {cc}; move the entry under perCountry");
        }
        return country == null ? text : text.replace("{cc}", country);
    }

    private static String upper(Object value) {
        return String.valueOf(value).trim().toUpperCase(Locale.ROOT);
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
