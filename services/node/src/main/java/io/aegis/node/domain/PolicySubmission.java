package io.aegis.node.domain;

import io.aegis.policy.MalformedDocumentException;
import io.aegis.policy.Members;
import io.aegis.policy.PolicyDocument;
import io.aegis.policy.PolicyValidationException;
import io.aegis.policy.PolicyValidator;
import io.aegis.policy.PolicyYaml;
import io.aegis.schema.routing.SharingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy document submitted to this node, checked with the network's one policy library: its
 * structure, that it is this node's country's, and every rule against the member list (the same
 * validator the router runs), so the node's answer is final. Malformed text is a 400, a broken
 * rule a 422 naming every field; the version is left to the router. A document whose aliases make a
 * node contain itself is malformed too: nothing downstream has to walk a cycle.
 */
public final class PolicySubmission {

    private PolicySubmission() {
    }

    public static SharingPolicy check(String text, String country, Members members, Instant at, String submittedBy) {
        SharingPolicy policy;
        try {
            if (recursive(PolicyYaml.load(text), Collections.newSetFromMap(new IdentityHashMap<>()),
                    Collections.newSetFromMap(new IdentityHashMap<>()))) {
                // YAML aliases can make a node contain itself; the policy reader would recurse without end (a 500)
                throw new MalformedBodyException("malformed YAML or JSON: an alias refers to a node that contains it");
            }
            policy = PolicyDocument.parse(text, at, submittedBy);
        } catch (MalformedDocumentException e) {
            throw new MalformedBodyException("malformed YAML or JSON: " + e.violations().get(0).message());
        } catch (PolicyValidationException e) {
            throw invalid(e.violations());
        }
        List<io.aegis.policy.Violation> violations = new ArrayList<>();
        if (!country.equals(policy.getCountry())) {
            violations.add(new io.aegis.policy.Violation("country", "must be this node's country " + country));
        }
        violations.addAll(new PolicyValidator(members).validate(SharingPolicy.newBuilder(policy).setVersion(0).build()));
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return policy;
    }

    /** Whether {@code node} reaches itself: {@code path} holds the nodes being visited, {@code done} those found acyclic. */
    static boolean recursive(Object node, Set<Object> path, Set<Object> done) {
        if (!(node instanceof Map<?, ?>) && !(node instanceof Collection<?>) || done.contains(node)) {
            return false;
        }
        if (!path.add(node)) {
            return true;
        }
        Collection<?> children = node instanceof Map<?, ?> map ? concat(map.keySet(), map.values()) : (Collection<?>) node;
        for (Object child : children) {
            if (recursive(child, path, done)) {
                return true;
            }
        }
        path.remove(node);
        done.add(node);
        return false;
    }

    private static Collection<?> concat(Collection<?> a, Collection<?> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static InvalidRequestException invalid(List<io.aegis.policy.Violation> violations) {
        return new InvalidRequestException("invalid policy",
                violations.stream().map(v -> new Violation(v.field(), v.message())).toList());
    }
}
