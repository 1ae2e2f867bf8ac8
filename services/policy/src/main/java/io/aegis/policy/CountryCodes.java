package io.aegis.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes, upper case, as the JDK knows them. */
public final class CountryCodes {

    private static final Set<String> CODES = Set.of(Locale.getISOCountries());

    private CountryCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && CODES.contains(code);
    }

    /** Empty for a known alpha-2 code, otherwise the rule it breaks. */
    public static Optional<String> check(String code) {
        return isValid(code) ? Optional.empty() : Optional.of("must be an ISO 3166-1 alpha-2 country code, e.g. DE");
    }
}
