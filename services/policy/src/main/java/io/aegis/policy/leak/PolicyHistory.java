package io.aegis.policy.leak;

import io.aegis.schema.routing.SharingPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every version of every country's policy seen on the record (aegis.policies, or the policies the
 * router reported to origins). A version that was compacted away is simply absent: a copy decided
 * under it is reported as unchecked, never as clean.
 */
public final class PolicyHistory {

    private final Map<String, SharingPolicy> byVersion = new HashMap<>();

    public PolicyHistory add(SharingPolicy policy) {
        byVersion.put(key(policy.getCountry(), policy.getVersion()), policy);
        return this;
    }

    public Optional<SharingPolicy> version(String country, int version) {
        return Optional.ofNullable(byVersion.get(key(country, version)));
    }

    private static String key(String country, int version) {
        return country + "#" + version;
    }
}
