package io.aegis.node.domain;

import io.aegis.policy.TlpLabels;
import io.aegis.policy.CountryCodes;
import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.schema.common.AffectedSystem;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.SignalContent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the JSON of one submitted signal into a {@link SignalContent}, or refuses it with every
 * violation found. Invariant: a content is returned only if every field rule of the public
 * contract holds; unknown fields are refused, never ignored.
 */
public final class SignalParser {

    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_INDICATORS = 500;
    public static final int MAX_LIST = 50;
    private static final Pattern ATLAS = Pattern.compile("AML\\.T\\d{4}(\\.\\d{3})?");
    private static final Set<String> FIELDS = Set.of("category", "title", "description", "severity", "confidence",
            "tlp", "observedAt", "sectors", "atlasTechniques", "affectedSystems", "indicators", "recipients", "campaignId");

    private final Clock clock;
    private final Duration maxClockSkew;

    public SignalParser(Clock clock, Duration maxClockSkew) {
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
    }

    /** Parses a signal whose fields sit at {@code parent} (e.g. {@code signals[3]} in a batch). */
    public SignalContent parse(JsonNode json, String parent) {
        FieldReader in = new FieldReader();
        if (!in.isObject(json, parent)) {
            throw new InvalidRequestException("validation failed", in.violations());
        }
        in.refuseUnknown(json, parent, FIELDS);
        SignalContent.Builder content = SignalContent.newBuilder();
        in.enumValue(json, parent, "category", Category.class, true).ifPresent(content::setCategory);
        in.string(json, parent, "title", true, MAX_TITLE).ifPresent(content::setTitle);
        content.setDescription(in.string(json, parent, "description", false, MAX_DESCRIPTION).orElse(null));
        in.integer(json, parent, "severity", 1, 5).ifPresent(content::setSeverity);
        in.integer(json, parent, "confidence", 0, 100).ifPresent(content::setConfidence);
        Optional<Tlp> tlp = tlp(in, json, parent);
        tlp.ifPresent(content::setTlp);
        observedAt(in, json, parent).ifPresent(content::setObservedAt);
        content.setSectors(sectors(in, json, parent));
        content.setAtlasTechniques(in.strings(json, parent, "atlasTechniques", MAX_LIST,
                v -> ATLAS.matcher(v).matches() ? Optional.empty() : Optional.of("must match AML.Tdddd or AML.Tdddd.ddd")));
        content.setAffectedSystems(affectedSystems(in, json, parent));
        content.setIndicators(indicators(in, json, parent));
        List<String> recipients = in.strings(json, parent, "recipients", 250, CountryCodes::check);
        content.setRecipients(recipients);
        String recipientsField = FieldReader.path(parent, "recipients");
        boolean recipientsBroken = in.violations().stream().anyMatch(v -> v.field().startsWith(recipientsField));
        if (tlp.filter(TlpLabels::needsRecipients).isPresent() && recipients.isEmpty() && !recipientsBroken) {
            in.fail(recipientsField, "is required and must not be empty for tlp " + TlpLabels.label(tlp.get()));
        }
        content.setCampaignId(in.string(json, parent, "campaignId", false, MAX_TITLE).orElse(null));
        if (!in.violations().isEmpty()) {
            throw new InvalidRequestException("validation failed", in.violations());
        }
        return content.build();
    }

    private static Optional<Tlp> tlp(FieldReader in, JsonNode json, String parent) {
        return in.string(json, parent, "tlp", true, 20).flatMap(label -> {
            Optional<Tlp> tlp = TlpLabels.parse(label);
            if (tlp.isEmpty()) {
                in.fail(FieldReader.path(parent, "tlp"), "must be one of " + TlpLabels.ALLOWED);
            }
            return tlp;
        });
    }

    private Optional<Instant> observedAt(FieldReader in, JsonNode json, String parent) {
        Optional<Instant> at = in.instant(json, parent, "observedAt");
        if (at.isPresent() && at.get().isAfter(clock.instant().plus(maxClockSkew))) {
            in.fail(FieldReader.path(parent, "observedAt"), "must not be in the future (allowed clock skew " + maxClockSkew + ")");
            return Optional.empty();
        }
        return at;
    }

    private static List<Sector> sectors(FieldReader in, JsonNode json, String parent) {
        List<Sector> sectors = new ArrayList<>();
        List<String> names = in.strings(json, parent, "sectors", Sector.values().length,
                v -> Optional.empty());
        for (int i = 0; i < names.size(); i++) {
            in.symbol(FieldReader.path(parent, "sectors") + "[" + i + "]", names.get(i), Sector.class).ifPresent(sectors::add);
        }
        return sectors;
    }

    private static List<AffectedSystem> affectedSystems(FieldReader in, JsonNode json, String parent) {
        List<AffectedSystem> systems = new ArrayList<>();
        List<JsonNode> items = in.array(json, parent, "affectedSystems", MAX_LIST);
        for (int i = 0; i < items.size(); i++) {
            String at = FieldReader.path(parent, "affectedSystems") + "[" + i + "]";
            JsonNode item = items.get(i);
            if (!in.isObject(item, at)) {
                continue;
            }
            in.refuseUnknown(item, at, Set.of("provider", "model", "version"));
            Optional<String> provider = in.string(item, at, "provider", true, MAX_TITLE);
            Optional<String> model = in.string(item, at, "model", true, MAX_TITLE);
            Optional<String> version = in.string(item, at, "version", false, 100);
            if (provider.isPresent() && model.isPresent()) {
                systems.add(new AffectedSystem(provider.get(), model.get(), version.orElse(null)));
            }
        }
        return systems;
    }

    private static List<Indicator> indicators(FieldReader in, JsonNode json, String parent) {
        List<Indicator> indicators = new ArrayList<>();
        List<JsonNode> items = in.array(json, parent, "indicators", MAX_INDICATORS);
        for (int i = 0; i < items.size(); i++) {
            String at = FieldReader.path(parent, "indicators") + "[" + i + "]";
            JsonNode item = items.get(i);
            if (!in.isObject(item, at)) {
                continue;
            }
            in.refuseUnknown(item, at, Set.of("type", "value"));
            Optional<IndicatorType> type = in.enumValue(item, at, "type", IndicatorType.class, true);
            Optional<String> value = in.string(item, at, "value", true, 4000);
            if (type.isPresent() && value.isPresent()) {
                Optional<String> shape = IndicatorRules.check(type.get(), value.get());
                shape.ifPresent(message -> in.fail(FieldReader.path(at, "value"), message));
                if (shape.isEmpty()) {
                    indicators.add(new Indicator(type.get(), value.get()));
                }
            }
        }
        return indicators;
    }
}
