package io.aegis.node.paging;

import io.aegis.node.domain.Backoff;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Paging configuration, checked as a whole when the node starts (created eagerly): a node with
 * paging enabled and any key missing or wrong refuses to start, with every problem listed by
 * key name and rule, never showing a secret's value. Holds the decoded values the paging classes
 * use: sender, console URL, link key, roster addresses and SMTP settings.
 */
@Context
@Requires(property = "aegis.node.paging.enabled", value = "true")
public class PagingSettings {

    static final String PREFIX = "aegis.node.paging.";
    static final int MIN_KEY_BYTES = 32;

    /** The SMTP server, decoded. */
    record Smtp(String host, int port, StartTls starttls, Optional<String> username, Optional<String> password,
                Duration timeout) {
        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", starttls=" + starttls + ", username=" + username.orElse("-") + "]";
        }
    }

    private final InternetAddress from;
    private final String consoleUrl;
    private final byte[] linkKey;
    private final Duration linkTtl;
    private final int retries;
    private final Backoff backoff;
    private final Path usedLinksFile;
    private final Smtp smtp;
    private final Map<String, InternetAddress> addresses;

    public PagingSettings(PagingConfig paging, SmtpConfig smtp, Environment environment) {
        this(paging, smtp, environment.getProperties(PREFIX + "addresses", StringConvention.RAW));
    }

    PagingSettings(PagingConfig paging, SmtpConfig smtp, Map<String, Object> addresses) {
        List<String> problems = new ArrayList<>();
        this.from = address(paging.from(), PREFIX + "from", problems);
        this.consoleUrl = consoleUrl(paging.consoleUrl(), problems);
        this.linkKey = linkKey(paging.linkKey(), problems);
        this.linkTtl = positive(paging.linkTtl(), PREFIX + "link-ttl", problems);
        if (paging.retries() < 0 || paging.retries() > 100) {
            problems.add(PREFIX + "retries must be between 0 and 100, got " + paging.retries());
        }
        this.retries = paging.retries();
        this.backoff = backoff(paging, problems);
        this.usedLinksFile = blank(paging.usedLinksFile()) ? null : Path.of(paging.usedLinksFile());
        if (usedLinksFile == null) {
            problems.add(PREFIX + "used-links-file must be set (a file under the node's state directory)");
        }
        this.smtp = smtp(smtp, problems);
        this.addresses = addresses(addresses, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("paging is enabled but its configuration is wrong: " + String.join("; ", problems));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static InternetAddress address(String value, String key, List<String> problems) {
        if (blank(value)) {
            problems.add(key + " must be set to an e-mail address");
            return null;
        }
        try {
            InternetAddress address = new InternetAddress(value.trim(), true);
            address.validate();
            return address;
        } catch (AddressException e) {
            problems.add(key + " must be an e-mail address (RFC 822), got " + value);
            return null;
        }
    }

    private static String consoleUrl(String value, List<String> problems) {
        String key = PREFIX + "console-url";
        if (blank(value)) {
            problems.add(key + " must be set to the node's public base URL, e.g. https://node.example:8101");
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                problems.add(key + " must be an http(s) URL with a host and no user, query or fragment, got " + value);
                return null;
            }
            String text = uri.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        } catch (URISyntaxException e) {
            problems.add(key + " must be an http(s) URL, got " + value);
            return null;
        }
    }

    private static byte[] linkKey(String value, List<String> problems) {
        String key = PREFIX + "link-key";
        if (blank(value)) {
            problems.add(key + " must be set (base64 of at least " + MIN_KEY_BYTES + " random bytes, generated per stack)");
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value.trim());
            if (bytes.length < MIN_KEY_BYTES) {
                problems.add(key + " must decode to at least " + MIN_KEY_BYTES + " bytes, got " + bytes.length);
                return null;
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            problems.add(key + " must be base64 (of at least " + MIN_KEY_BYTES + " random bytes)");
            return null;
        }
    }

    private static Duration positive(Duration value, String key, List<String> problems) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(key + " must be a positive duration, got " + value);
            return null;
        }
        return value;
    }

    private static Backoff backoff(PagingConfig paging, List<String> problems) {
        Duration initial = positive(paging.initialBackoff(), PREFIX + "initial-backoff", problems);
        Duration max = positive(paging.maxBackoff(), PREFIX + "max-backoff", problems);
        if (initial == null || max == null) {
            return null;
        }
        if (max.compareTo(initial) < 0) {
            problems.add(PREFIX + "max-backoff must not be shorter than initial-backoff, got " + max + " < " + initial);
            return null;
        }
        return new Backoff(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    private static Smtp smtp(SmtpConfig smtp, List<String> problems) {
        String key = PREFIX + "smtp.";
        if (blank(smtp.host())) {
            problems.add(key + "host must be set");
        }
        if (smtp.port() < 1 || smtp.port() > 65_535) {
            problems.add(key + "port must be between 1 and 65535, got " + smtp.port());
        }
        Optional<StartTls> starttls = StartTls.parse(smtp.starttls());
        if (starttls.isEmpty()) {
            problems.add(key + "starttls must be one of none, optional, required, got " + smtp.starttls());
        }
        if (blank(smtp.username()) != blank(smtp.password())) {
            problems.add(key + "username and " + key + "password must be set together (SMTP AUTH) or both left out");
        }
        Duration timeout = positive(smtp.timeout(), key + "timeout", problems);
        return new Smtp(smtp.host(), smtp.port(), starttls.orElse(StartTls.REQUIRED),
                Optional.ofNullable(smtp.username()).filter(u -> !u.isBlank()),
                Optional.ofNullable(smtp.password()).filter(p -> !p.isBlank()), timeout);
    }

    private static Map<String, InternetAddress> addresses(Map<String, Object> raw, List<String> problems) {
        Map<String, InternetAddress> addresses = new TreeMap<>();
        raw.forEach((officer, value) -> {
            InternetAddress address = address(value == null ? null : value.toString(), PREFIX + "addresses." + officer, problems);
            if (address != null) {
                addresses.put(officer, address);
            }
        });
        return Map.copyOf(addresses);
    }

    InternetAddress from() {
        return from;
    }

    /** Base URL without a trailing slash. */
    String consoleUrl() {
        return consoleUrl;
    }

    byte[] linkKey() {
        return linkKey.clone();
    }

    Duration linkTtl() {
        return linkTtl;
    }

    int retries() {
        return retries;
    }

    Backoff backoff() {
        return backoff;
    }

    Path usedLinksFile() {
        return usedLinksFile;
    }

    Smtp smtp() {
        return smtp;
    }

    /** The address of an officer of this node's roster, if the node keeps one. */
    Optional<InternetAddress> address(String officerId) {
        return Optional.ofNullable(addresses.get(officerId));
    }

    @Override
    public String toString() {
        return "PagingSettings[from=" + from + ", consoleUrl=" + consoleUrl + ", smtp=" + smtp + ", officers="
                + addresses.keySet() + ", linkKey=<secret>]";
    }
}
