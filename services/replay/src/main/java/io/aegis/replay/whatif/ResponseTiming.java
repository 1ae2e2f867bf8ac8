package io.aegis.replay.whatif;

import io.aegis.replay.ReplayException;
import io.aegis.schema.common.Tier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The response workflow's timing, read from the workflow's own rules file ({@code response.yaml}:
 * {@code openTier} and {@code ackDeadlines}): which escalations open a case and when the first
 * acknowledgement falls due. Lets a what-if say what a rule change does to officers' clocks.
 *
 * @param openTier     lowest tier that opens a case
 * @param ackDeadlines time allowed to acknowledge, per tier
 */
public record ResponseTiming(Tier openTier, Map<Tier, Duration> ackDeadlines) {

    /** The defaults of ARCHITECTURE: SEVERE opens a case; 4 h, 60 min, 15 min to acknowledge. */
    public static final ResponseTiming DEFAULT = new ResponseTiming(Tier.SEVERE, Map.of(
            Tier.ELEVATED, Duration.ofHours(4), Tier.SEVERE, Duration.ofMinutes(60), Tier.CRITICAL, Duration.ofMinutes(15)));

    public ResponseTiming {
        ackDeadlines = ackDeadlines.isEmpty() ? Map.of() : new EnumMap<>(ackDeadlines);
    }

    public boolean opensCase(Tier tier) {
        return tier.compareTo(openTier) >= 0;
    }

    /** When the first acknowledgement of an escalation at {@code tier} made at {@code at} is due, if one is asked. */
    public Optional<Instant> ackDue(Tier tier, Instant at) {
        return Optional.ofNullable(ackDeadlines.get(tier)).map(at::plus);
    }

    public static ResponseTiming load(Path file) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw ReplayException.usage("--response-rules: cannot read " + file + " (" + e.getMessage() + ")");
        }
        if (!(root instanceof Map<?, ?> doc)) {
            throw ReplayException.usage("--response-rules: " + file + " must be a mapping with openTier and ackDeadlines");
        }
        Tier open = doc.get("openTier") == null ? DEFAULT.openTier() : tier("openTier", doc.get("openTier"));
        Map<Tier, Duration> deadlines = new EnumMap<>(Tier.class);
        if (doc.get("ackDeadlines") instanceof Map<?, ?> raw) {
            raw.forEach((key, value) -> deadlines.put(tier("ackDeadlines", key), duration("ackDeadlines." + key, value)));
        } else {
            deadlines.putAll(DEFAULT.ackDeadlines());
        }
        return new ResponseTiming(open, deadlines);
    }

    private static Tier tier(String field, Object value) {
        try {
            return Tier.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw ReplayException.usage("--response-rules: " + field + ": '" + value + "' is not a tier");
        }
    }

    private static Duration duration(String field, Object value) {
        try {
            return Duration.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw ReplayException.usage("--response-rules: " + field + ": '" + value + "' is not an ISO-8601 duration");
        }
    }
}
