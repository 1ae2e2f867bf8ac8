package io.aegis.node.domain;

import io.aegis.policy.MalformedDocumentException;
import io.aegis.policy.Members;
import io.aegis.policy.PolicyDocument;
import io.aegis.policy.PolicyValidationException;
import io.aegis.policy.PolicyValidator;
import io.aegis.schema.routing.SharingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy document submitted to this node, checked with the network's one policy library: its
 * structure, that it is this node's country's, and every rule against the member list (the same
 * validator the router runs), so the node's answer is final. Malformed text is a 400, a broken
 * rule a 422 naming every field; the version is left to the router.
 */
public final class PolicySubmission {

    private PolicySubmission() {
    }

    public static SharingPolicy check(String text, String country, Members members, Instant at, String submittedBy) {
        SharingPolicy policy;
        try {
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

    private static InvalidRequestException invalid(List<io.aegis.policy.Violation> violations) {
        return new InvalidRequestException("invalid policy",
                violations.stream().map(v -> new Violation(v.field(), v.message())).toList());
    }
}
