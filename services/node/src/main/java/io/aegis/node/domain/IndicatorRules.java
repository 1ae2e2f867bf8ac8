package io.aegis.node.domain;

import io.aegis.schema.common.IndicatorType;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value shape each indicator type must have. A value is checked syntactically only:
 * nothing here resolves names or contacts hosts.
 */
public final class IndicatorRules {

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@" + DOMAIN.pattern(), Pattern.CASE_INSENSITIVE);
    private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9:._/+=-]{8,512}");
    private static final Pattern CONTENT_HASH = Pattern.compile("[a-z0-9-]{2,20}:[0-9a-fA-F]{16,128}");
    private static final Pattern WATERMARK = Pattern.compile("[A-Za-z0-9._:/-]{1,256}");
    private static final Pattern WALLET = Pattern.compile("[A-Za-z0-9]{20,128}");

    private IndicatorRules() {
    }

    /** Empty when {@code value} has the shape of {@code type}, else what was expected. */
    public static Optional<String> check(IndicatorType type, String value) {
        return switch (type) {
            case DOMAIN -> match(DOMAIN, value, "must be a domain name such as fraud.example");
            case URL -> url(value);
            case IPV4 -> match(IPV4, value, "must be a dotted-quad IPv4 address");
            case IPV6 -> ipv6(value);
            case SHA256 -> match(SHA256, value, "must be 64 hexadecimal characters (SHA-256)");
            case MD5 -> match(MD5, value, "must be 32 hexadecimal characters (MD5)");
            case EMAIL -> match(EMAIL, value, "must be an e-mail address");
            case MODEL_FINGERPRINT -> match(FINGERPRINT, value, "must be 8..512 characters of [A-Za-z0-9:._/+=-]");
            case CONTENT_HASH -> match(CONTENT_HASH, value, "must be algorithm:hex, e.g. sha256:9f86...");
            case WATERMARK_ID -> match(WATERMARK, value, "must be 1..256 characters of [A-Za-z0-9._:/-]");
            case WALLET_ADDRESS -> match(WALLET, value, "must be 20..128 alphanumeric characters");
            case PROMPT_PATTERN, OTHER -> value.length() <= 4000 ? Optional.empty() : Optional.of("must be at most 4000 characters");
        };
    }

    private static Optional<String> match(Pattern pattern, String value, String expected) {
        return pattern.matcher(value).matches() ? Optional.empty() : Optional.of(expected);
    }

    private static Optional<String> url(String value) {
        String expected = "must be an absolute http(s) URL with a host";
        if (value.length() > 2048) {
            return Optional.of("must be at most 2048 characters");
        }
        try {
            URI uri = new URI(value);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return web && uri.getHost() != null ? Optional.empty() : Optional.of(expected);
        } catch (URISyntaxException e) {
            return Optional.of(expected);
        }
    }

    private static Optional<String> ipv6(String value) {
        String expected = "must be an IPv6 address";
        if (!IPV6.matcher(value).matches() || !value.contains(":")) {
            return Optional.of(expected);
        }
        try {
            // A literal containing ':' is parsed, never looked up.
            return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address
                    ? Optional.empty() : Optional.of(expected);
        } catch (java.net.UnknownHostException e) {
            return Optional.of(expected);
        }
    }
}
