package io.aegis.registry.domain;

/**
 * A version as clients name it in a path: a number from 1 to 2^31-1, or {@code latest}
 * ({@code -1} is Confluent's alias for latest).
 *
 * @param number the version, or 0 for latest
 */
public record VersionSpec(int number) {

    public static final VersionSpec LATEST = new VersionSpec(0);

    /** @throws RegistryException 42202 when the text is neither a positive int nor "latest" */
    public static VersionSpec parse(String text) {
        if ("latest".equalsIgnoreCase(text) || "-1".equals(text)) {
            return LATEST;
        }
        try {
            int number = Integer.parseInt(text);
            if (number < 1) {
                throw RegistryException.invalidVersion(text);
            }
            return new VersionSpec(number);
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(text);
        }
    }

    public boolean isLatest() {
        return number == 0;
    }
}
