package io.aegis.router.domain;

import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normal form of an indicator value, taken before it is digested, so that the same indicator
 * correlates however a member typed it: domains and e-mail addresses lower-cased (a domain without
 * its trailing dot), IPv6 in its canonical compressed form (RFC 5952), IPv4 without leading zeros,
 * a URL's scheme and host lower-cased (its path and query are case-sensitive and kept), hashes
 * lower-case hex. Other types are only trimmed. Only digests use it: shared copies keep the value
 * as the origin wrote it.
 */
public final class IndicatorValues {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IndicatorValues() {
    }

    public static String normalised(Indicator indicator) {
        return normalised(indicator.getType(), indicator.getValue());
    }

    public static String normalised(IndicatorType type, String raw) {
        String value = raw.trim();
        return switch (type) {
            case DOMAIN -> stripTrailingDot(value.toLowerCase(Locale.ROOT));
            case EMAIL, SHA256, MD5, CONTENT_HASH -> value.toLowerCase(Locale.ROOT);
            case IPV4 -> ipv4(value);
            case IPV6 -> ipv6(value);
            case URL -> url(value);
            default -> value;
        };
    }

    private static String stripTrailingDot(String domain) {
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }

    private static String ipv4(String value) {
        var m = IPV4.matcher(value);
        if (!m.matches()) {
            return value;
        }
        return Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)) + "." + Integer.parseInt(m.group(3))
                + "." + Integer.parseInt(m.group(4));
    }

    /** RFC 5952: lower case, leading zeros dropped, the longest run (2+) of zero groups as "::". */
    private static String ipv6(String value) {
        if (!IPV6.matcher(value).matches() || value.contains(".")) {
            return value.toLowerCase(Locale.ROOT);
        }
        int[] groups = groups(value);
        if (groups == null) {
            return value.toLowerCase(Locale.ROOT);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }

    private static int[] groups(String value) {
        String[] halves = value.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        String[] tail = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":") : new String[0];
        if (halves.length == 1 ? head.length != 8 : head.length + tail.length > 7) {
            return null;
        }
        int[] groups = new int[8];
        try {
            for (int i = 0; i < head.length; i++) {
                groups[i] = hex(head[i]);
            }
            for (int i = 0; i < tail.length; i++) {
                groups[8 - tail.length + i] = hex(tail[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return groups;
    }

    private static int hex(String group) {
        if (group.isEmpty() || group.length() > 4) {
            throw new NumberFormatException(group);
        }
        return Integer.parseInt(group, 16);
    }

    private static String url(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return value;
            }
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            String host = (at < 0 ? authority : authority.substring(at + 1)).toLowerCase(Locale.ROOT);
            String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
            String rest = value.substring(value.indexOf(uri.getRawAuthority()) + uri.getRawAuthority().length());
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + userInfo + host + rest;
        } catch (URISyntaxException e) {
            return value;
        }
    }
}
