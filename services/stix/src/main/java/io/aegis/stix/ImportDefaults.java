package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What Aegis assumes of STIX content that carries no Aegis extension (MISP, OpenCTI and other exports).
 * Each default is documented in docs/stix-taxii.md; none of them concerns the audience (TLP), which is
 * never assumed.
 */
final class ImportDefaults {

    static final int SEVERITY_WITHOUT_CONFIDENCE = 3;
    static final int CONFIDENCE_WITHOUT_CONFIDENCE = 50;
    static final int TITLE_MAX = 200;
    static final String TRUNCATION_MARK = "…";

    /** Keyword (in kebab case) found in a label → category; first match wins, so specific before general. */
    private static final Map<String, Category> KEYWORDS = new LinkedHashMap<>();

    static {
        for (Category c : Category.values()) {
            KEYWORDS.put(kebab(c.name()), c);
        }
        KEYWORDS.put("prompt-injection", Category.PROMPT_INJECTION);
        KEYWORDS.put("jailbreak", Category.JAILBREAK_TOOLKIT);
        KEYWORDS.put("deepfake", Category.DEEPFAKE_FRAUD);
        KEYWORDS.put("disinformation", Category.DISINFORMATION_CAMPAIGN);
        KEYWORDS.put("poisoning", Category.DATA_POISONING);
        KEYWORDS.put("model-theft", Category.MODEL_THEFT);
        KEYWORDS.put("model-extraction", Category.MODEL_THEFT);
        KEYWORDS.put("privacy", Category.PRIVACY_LEAKAGE);
        KEYWORDS.put("supply-chain", Category.SUPPLY_CHAIN_COMPROMISE);
        KEYWORDS.put("cbrn", Category.CBRN_UPLIFT);
        KEYWORDS.put("critical-infrastructure", Category.CRITICAL_INFRASTRUCTURE_ATTACK);
        KEYWORDS.put("model-misuse", Category.MODEL_MISUSE);
    }

    /** STIX industry-sector-ov values with an Aegis sector. */
    private static final Map<String, Sector> SECTORS = Map.ofEntries(
            Map.entry("energy", Sector.ENERGY), Map.entry("transportation", Sector.TRANSPORT),
            Map.entry("financial-services", Sector.FINANCE), Map.entry("telecommunications", Sector.TELECOM),
            Map.entry("healthcare", Sector.HEALTH), Map.entry("water", Sector.WATER),
            Map.entry("government", Sector.GOVERNMENT), Map.entry("government-national", Sector.GOVERNMENT),
            Map.entry("government-regional", Sector.GOVERNMENT), Map.entry("government-local", Sector.GOVERNMENT),
            Map.entry("government-public-services", Sector.GOVERNMENT), Map.entry("education", Sector.EDUCATION),
            Map.entry("entertainment", Sector.MEDIA), Map.entry("defense", Sector.DEFENCE),
            Map.entry("manufacturing", Sector.MANUFACTURING));

    private ImportDefaults() {
    }

    /** A category and the property it was read from. */
    record Found<T>(T value, String property) {
    }

    /** The category named by a keyword in labels, report_types or indicator_types, else OTHER. */
    static Found<Category> category(JsonNode object) {
        for (String property : List.of("labels", "report_types", "indicator_types")) {
            for (JsonNode word : object.path(property)) {
                String k = kebab(word.asText());
                for (Map.Entry<String, Category> e : KEYWORDS.entrySet()) {
                    if (k.contains(e.getKey())) {
                        return new Found<>(e.getValue(), property);
                    }
                }
            }
        }
        return new Found<>(Category.OTHER, "type");
    }

    /** Severity from STIX confidence: 0-19 → 1, 20-39 → 2, 40-59 → 3, 60-79 → 4, 80-100 → 5; absent → 3. */
    static int severity(JsonNode confidence) {
        if (!confidence.canConvertToInt()) {
            return SEVERITY_WITHOUT_CONFIDENCE;
        }
        int c = Math.max(0, Math.min(100, confidence.asInt()));
        return Math.min(5, c / 20 + 1);
    }

    static int confidence(JsonNode confidence) {
        return confidence.canConvertToInt() ? confidence.asInt() : CONFIDENCE_WITHOUT_CONFIDENCE;
    }

    /** The title, cut to 200 characters with a trailing "…" when longer (titles are for reading). */
    static String title(String name) {
        return name.length() <= TITLE_MAX ? name : name.substring(0, TITLE_MAX - 1) + TRUNCATION_MARK;
    }

    static Optional<Sector> sector(String stixSector) {
        return Optional.ofNullable(SECTORS.get(stixSector.toLowerCase(Locale.ROOT)));
    }

    private static String kebab(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[_\\s]+", "-");
    }
}
