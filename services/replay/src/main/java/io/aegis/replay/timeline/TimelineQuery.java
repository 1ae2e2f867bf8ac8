package io.aegis.replay.timeline;

import io.aegis.replay.ReplayException;
import io.aegis.replay.domain.TimeRange;
import io.aegis.schema.common.Category;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a timeline covers: one case, or a time range optionally narrowed to a country and a
 * category. Validated on construction so that a typo fails before anything is read.
 *
 * @param caseId   case to follow, or null
 * @param range    time range read
 * @param country  ISO country filter, or null
 * @param category category filter, or null
 */
public record TimelineQuery(String caseId, TimeRange range, String country, Category category) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public TimelineQuery {
        if (range == null) {
            throw ReplayException.usage("--from/--to: a time range is required");
        }
        if (country != null && !COUNTRY.matcher(country).matches()) {
            throw ReplayException.usage("--country: '" + country + "' must be an ISO 3166-1 alpha-2 code such as FR");
        }
    }

    /** Parses a category name as given on the command line. */
    public static Category category(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Category.valueOf(text.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ReplayException.usage("--category: '" + text + "' is not one of " + Arrays.toString(Category.values()));
        }
    }

    public boolean isCase() {
        return caseId != null;
    }

    /** The filters as shown in reports. */
    public Map<String, String> describe() {
        Map<String, String> filters = new LinkedHashMap<>();
        if (caseId != null) {
            filters.put("case", caseId);
        }
        if (country != null) {
            filters.put("country", country);
        }
        if (category != null) {
            filters.put("category", category.name());
        }
        return filters;
    }
}
