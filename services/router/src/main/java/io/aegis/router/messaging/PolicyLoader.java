package io.aegis.router.messaging;

import io.aegis.policy.Members;
import io.aegis.policy.PolicyDocument;
import io.aegis.policy.PolicyValidationException;
import io.aegis.policy.PolicyValidator;
import io.aegis.router.domain.PolicyVersions;
import io.aegis.schema.routing.SharingPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code infra/policies/<CC>.yaml} to {@code aegis.policies} for every country that has no
 * policy yet, or whose file declares a newer version than the topic holds. Every file is validated
 * first; one invalid file stops the load with an error naming the file and the rule.
 */
public final class PolicyLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyLoader.class);

    private final PolicyTopic topic;
    private final PolicyValidator validator;

    public PolicyLoader(PolicyTopic topic, Members members) {
        this.topic = topic;
        this.validator = new PolicyValidator(members);
    }

    /** Returns the policies published. */
    public List<SharingPolicy> load(Path directory, Instant now) {
        List<SharingPolicy> files = read(directory, now);
        Map<String, SharingPolicy> current = topic.latest();
        List<SharingPolicy> published = new ArrayList<>();
        for (SharingPolicy file : files) {
            PolicyVersions.fromFile(file, current.get(file.getCountry())).ifPresent(policy -> {
                topic.publish(policy);
                published.add(policy);
                LOG.info("published policy {} v{} from {}", policy.getCountry(), policy.getVersion(), directory);
            });
        }
        return published;
    }

    List<SharingPolicy> read(Path directory, Instant now) {
        if (!Files.isDirectory(directory)) {
            LOG.info("no policy directory {}; nothing to load", directory);
            return List.of();
        }
        List<SharingPolicy> policies = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                policies.add(parse(file, now));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return policies;
    }

    private SharingPolicy parse(Path file, Instant now) {
        try {
            SharingPolicy policy = validator.requireValid(PolicyDocument.parse(Files.readString(file), now, "policy-file:" + file.getFileName()));
            String expected = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            if (!policy.getCountry().equals(expected)) {
                throw new PolicyValidationException("country", "file " + file.getFileName() + " must hold the policy of " + expected);
            }
            return policy;
        } catch (PolicyValidationException e) {
            throw new PolicyValidationException(e.violations().stream()
                    .map(v -> new io.aegis.policy.Violation(file.getFileName() + ": " + v.field(), v.message())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
