package io.aegis.kafka.topic;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * All topics of a network as {@code infra/topics.yaml} describes them: shared topics and
 * per-country templates ({@code {cc}} replaced by each member's code). Immutable.
 */
public record TopicPlan(List<TopicSpec> shared, List<TopicSpec> perCountryTemplates) {

    /** The placeholder for a member's country code in a per-country template. */
    public static final String COUNTRY_PLACEHOLDER = "{cc}";

    public TopicPlan {
        shared = List.copyOf(shared);
        perCountryTemplates = List.copyOf(perCountryTemplates);
        for (TopicSpec template : perCountryTemplates) {
            if (!template.name().contains(COUNTRY_PLACEHOLDER)) {
                throw new IllegalArgumentException("per-country template '" + template.name() + "' must contain "
                        + COUNTRY_PLACEHOLDER);
            }
        }
    }

    /**
     * Reads a topics file.
     *
     * @throws IllegalArgumentException naming the file, the entry and the rule for a bad file
     */
    public static TopicPlan load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return TopicPlanParser.parse(reader, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read topics file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses topics YAML; {@code source} names it in error messages. */
    public static TopicPlan parse(Reader yaml, String source) {
        return TopicPlanParser.parse(yaml, source);
    }

    /** Every topic for these member countries, shared ones first, each name once. */
    public List<TopicSpec> topicsFor(Collection<String> countries) {
        Objects.requireNonNull(countries, "countries");
        List<TopicSpec> all = new ArrayList<>(shared);
        Set<String> seen = new LinkedHashSet<>();
        for (String country : countries) {
            TopicNames.requireCountry(country);
            if (seen.add(country)) {
                for (TopicSpec template : perCountryTemplates) {
                    all.add(new TopicSpec(template.name().replace(COUNTRY_PLACEHOLDER, country),
                            template.partitions(), template.replicationFactor(), template.configs()));
                }
            }
        }
        return List.copyOf(all);
    }
}
