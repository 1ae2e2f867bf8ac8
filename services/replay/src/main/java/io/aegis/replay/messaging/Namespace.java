package io.aegis.replay.messaging;

import io.aegis.replay.ReplayException;

import java.util.regex.Pattern;

/**
 * Where the Aegis topics are read from: the live names ({@code aegis.routing.audit}) or a copy
 * under a prefix ({@code sandbox.aegis.routing.audit}) loaded by {@code import}. The prefix is the
 * only difference; topic names themselves still come from {@code TopicNames}.
 *
 * @param prefix prefix before every Aegis topic name, "" for the live topics
 */
public record Namespace(String prefix) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]*");

    public static final Namespace LIVE = new Namespace("");

    public Namespace {
        prefix = prefix == null ? "" : prefix;
        if (!PREFIX.matcher(prefix).matches()) {
            throw ReplayException.usage("--namespace: '" + prefix + "' may hold only letters, digits, '.', '_' and '-'");
        }
    }

    /** The actual name of an Aegis topic in this namespace. */
    public String topic(String aegisName) {
        return prefix + aegisName;
    }

    /** Whether an actual topic name is in this namespace and, without the prefix, matches {@code pattern}. */
    public boolean matches(String actualName, Pattern pattern) {
        return actualName.startsWith(prefix) && pattern.matcher(actualName.substring(prefix.length())).matches();
    }
}
