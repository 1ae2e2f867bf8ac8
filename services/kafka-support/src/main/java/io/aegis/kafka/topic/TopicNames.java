package io.aegis.kafka.topic;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of every Aegis topic. Nothing else in the code base spells a topic name.
 * Per-country topics take an ISO 3166-1 alpha-2 code in upper case; anything else is refused.
 */
public final class TopicNames {

    public static final String PREFIX = "aegis.";
    public static final String OUTBOX_PREFIX = PREFIX + "outbox.";
    public static final String INBOX_PREFIX = PREFIX + "inbox.";
    public static final String COMMANDS_PREFIX = PREFIX + "commands.";
    public static final String NOTIFY_PREFIX = PREFIX + "notify.";
    public static final String USERS_PREFIX = PREFIX + "users.";

    public static final String COORDINATION_SIGNALS = PREFIX + "coordination.signals";
    public static final String ROUTING_AUDIT = PREFIX + "routing.audit";
    public static final String POLICIES = PREFIX + "policies";
    public static final String ESCALATIONS = PREFIX + "escalations";
    public static final String CASES = PREFIX + "cases";
    public static final String CASE_EVENTS = PREFIX + "case-events";
    public static final String RECEIPTS = PREFIX + "receipts";
    public static final String DLQ = PREFIX + "dlq";
    /** The schema registry's own compacted store. */
    public static final String SCHEMAS = "_schemas";

    /**
     * Record key of a policy submission on an outbox and of its answer on the origin's inbox. Never
     * a signal id (ids are UUIDs), and one key for every country, so one router task owns versions.
     */
    public static final String POLICY_KEY = "policy";

    public static final Pattern OUTBOX_PATTERN = Pattern.compile("aegis\\.outbox\\.([A-Z]{2})");
    public static final Pattern INBOX_PATTERN = Pattern.compile("aegis\\.inbox\\.([A-Z]{2})");
    public static final Pattern COMMANDS_PATTERN = Pattern.compile("aegis\\.commands\\.([A-Z]{2})");
    public static final Pattern NOTIFY_PATTERN = Pattern.compile("aegis\\.notify\\.([A-Z]{2})");
    public static final Pattern USERS_PATTERN = Pattern.compile("aegis\\.users\\.([A-Z]{2})");

    /** Topics that exist once per network, independent of the member list. */
    public static final List<String> SHARED_TOPICS = List.of(
            COORDINATION_SIGNALS, ROUTING_AUDIT, POLICIES, ESCALATIONS, CASES, CASE_EVENTS, RECEIPTS, DLQ);

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final List<Pattern> PER_COUNTRY =
            List.of(OUTBOX_PATTERN, INBOX_PATTERN, COMMANDS_PATTERN, NOTIFY_PATTERN, USERS_PATTERN);

    private TopicNames() {
    }

    public static String outbox(String country) {
        return OUTBOX_PREFIX + requireCountry(country);
    }

    public static String inbox(String country) {
        return INBOX_PREFIX + requireCountry(country);
    }

    public static String commands(String country) {
        return COMMANDS_PREFIX + requireCountry(country);
    }

    public static String notify(String country) {
        return NOTIFY_PREFIX + requireCountry(country);
    }

    /** {@code aegis.users.<CC>}: the audit log of node CC's user administration, read and written by node CC alone. */
    public static String users(String country) {
        return USERS_PREFIX + requireCountry(country);
    }

    /** The five per-country topics of one member, in a stable order. */
    public static List<String> perCountry(String country) {
        return List.of(outbox(country), inbox(country), commands(country), notify(country), users(country));
    }

    /**
     * The country of a per-country topic (outbox, inbox, commands, notify, users).
     *
     * @throws IllegalArgumentException when the name is not a per-country topic
     */
    public static String countryOf(String topicName) {
        Objects.requireNonNull(topicName, "topicName");
        for (Pattern pattern : PER_COUNTRY) {
            Matcher matcher = pattern.matcher(topicName);
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        throw new IllegalArgumentException("topic '" + topicName
                + "' is not a per-country topic (aegis.outbox|inbox|commands|notify|users.<CC>)");
    }

    /** True for an ISO 3166-1 alpha-2 shaped code: two upper-case ASCII letters. */
    public static boolean isCountryCode(String country) {
        return country != null && COUNTRY.matcher(country).matches();
    }

    /**
     * @throws IllegalArgumentException naming the rule when the code is not two upper-case letters
     */
    public static String requireCountry(String country) {
        if (!isCountryCode(country)) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code "
                    + "(two upper-case letters), got '" + country + "'");
        }
        return country;
    }
}
