package io.aegis.router.admin;

import io.aegis.policy.Members;
import io.aegis.policy.PolicyValidationException;
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
 * Turns {@code infra/acls.yaml} into Kafka ALLOW bindings: {@code perCountry} entries once per member
 * with {@code {cc}} replaced, {@code principals} entries as written. Anything not granted is denied
 * by the authorizer. Malformed entries are reported with their path.
 */
public final class AclPlan {

    private AclPlan() {
    }

    public static List<AclBinding> parse(String yaml, Members members) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> doc)) {
            throw new PolicyValidationException("$", "acls file must be a mapping with perCountry and principals");
        }
        Set<AclBinding> bindings = new LinkedHashSet<>();
        List<?> perCountry = list("perCountry", doc.get("perCountry"));
        for (String cc : members.codes()) {
            for (int i = 0; i < perCountry.size(); i++) {
                bindings.addAll(entry("perCountry[" + i + "]", perCountry.get(i), cc));
            }
        }
        List<?> principals = list("principals", doc.get("principals"));
        for (int i = 0; i < principals.size(); i++) {
            bindings.addAll(entry("principals[" + i + "]", principals.get(i), null));
        }
        return List.copyOf(bindings);
    }

    private static List<AclBinding> entry(String field, Object raw, String cc) {
        if (!(raw instanceof Map<?, ?> entry) || !(entry.get("principal") instanceof String principal)) {
            throw new PolicyValidationException(field + ".principal", "each entry needs a principal such as \"User:aegis-router\"");
        }
        String who = expand(principal, cc);
        List<?> grants = list(field + ".grants", entry.get("grants"));
        List<AclBinding> out = new ArrayList<>();
        for (int g = 0; g < grants.size(); g++) {
            String at = field + ".grants[" + g + "]";
            if (!(grants.get(g) instanceof Map<?, ?> grant)) {
                throw new PolicyValidationException(at, "must be a mapping with type, name and operations");
            }
            ResourceType type = enumOf(ResourceType.class, at + ".type", grant.get("type"));
            PatternType pattern = grant.get("pattern") == null ? PatternType.LITERAL : enumOf(PatternType.class, at + ".pattern", grant.get("pattern"));
            if (!(grant.get("name") instanceof String name) || name.isBlank()) {
                throw new PolicyValidationException(at + ".name", "is required");
            }
            String host = grant.get("host") == null ? "*" : String.valueOf(grant.get("host"));
            ResourcePattern resource = new ResourcePattern(type, expand(name, cc), pattern);
            for (Object op : list(at + ".operations", grant.get("operations"))) {
                AclOperation operation = enumOf(AclOperation.class, at + ".operations", op);
                out.add(new AclBinding(resource, new AccessControlEntry(who, host, operation, AclPermissionType.ALLOW)));
            }
        }
        return out;
    }

    private static String expand(String text, String cc) {
        if (text.contains("{cc}") && cc == null) {
            throw new PolicyValidationException("principals", "'" + text + "' uses {cc}; move it under perCountry");
        }
        return cc == null ? text : text.replace("{cc}", cc);
    }

    private static List<?> list(String field, Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof List<?> list) {
            return list;
        }
        throw new PolicyValidationException(field, "must be a list");
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String field, Object raw) {
        try {
            return Enum.valueOf(type, String.valueOf(raw).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PolicyValidationException(field, "unknown " + type.getSimpleName() + " '" + raw + "'");
        }
    }
}
