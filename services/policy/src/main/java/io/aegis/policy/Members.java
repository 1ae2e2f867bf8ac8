package io.aegis.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The member list of the network and its network-wide named groups (regional blocs,
 * bilateral agreements). Immutable; every group member is a known member.
 */
public final class Members {

    /** ISO 3166-1 alpha-2 shape. */
    public static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");
    /** Group names: lower-case letters, digits and dashes. */
    public static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Map<String, Member> byCode;
    private final Map<String, Set<String>> groups;

    public Members(List<Member> members, Map<String, ? extends Iterable<String>> groups) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Member> codes = new TreeMap<>();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (!COUNTRY_CODE.matcher(member.code()).matches()) {
                violations.add(new Violation("members[" + i + "].code", "must be an ISO 3166-1 alpha-2 code, was '" + member.code() + "'"));
            } else if (codes.putIfAbsent(member.code(), member) != null) {
                violations.add(new Violation("members[" + i + "].code", "duplicate member " + member.code()));
            }
        }
        Map<String, Set<String>> named = new TreeMap<>();
        groups.forEach((name, countries) -> named.put(name, checkGroup("groups." + name, name, countries, codes.keySet(), violations)));
        if (!violations.isEmpty()) {
            throw new PolicyValidationException(violations);
        }
        this.byCode = Collections.unmodifiableMap(codes);
        this.groups = Collections.unmodifiableMap(named);
    }

    static Set<String> checkGroup(String field, String name, Iterable<String> countries, Set<String> known, List<Violation> out) {
        if (!GROUP_NAME.matcher(name).matches()) {
            out.add(new Violation(field, "group name must match " + GROUP_NAME.pattern()));
        }
        Set<String> result = new LinkedHashSet<>();
        int i = 0;
        for (String country : countries) {
            if (!known.contains(country)) {
                out.add(new Violation(field + "[" + i + "]", "unknown country '" + country + "' (not in the member list)"));
            }
            result.add(country);
            i++;
        }
        return Collections.unmodifiableSet(result);
    }

    /** Every member code, sorted. */
    public Set<String> codes() {
        return byCode.keySet();
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    public Optional<Member> member(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Network-wide groups by name. */
    public Map<String, Set<String>> groups() {
        return groups;
    }

    /** Every member but {@code origin}: the destinations a signal of {@code origin} is decided for. */
    public List<String> destinationsOf(String origin) {
        List<String> result = new ArrayList<>(byCode.size());
        for (String code : byCode.keySet()) {
            if (!code.equals(origin)) {
                result.add(code);
            }
        }
        return result;
    }

    /**
     * Expands destination targets ("*", "CC", "group:name") to member codes. Policy groups shadow
     * network groups of the same name. Unknown names expand to nothing (the validator rejects them).
     */
    public Set<String> expand(List<String> targets, Map<String, List<String>> policyGroups) {
        Set<String> result = new TreeSet<>();
        for (String target : targets) {
            if ("*".equals(target)) {
                return new TreeSet<>(byCode.keySet());
            }
            if (target.startsWith("group:")) {
                String name = target.substring("group:".length());
                Iterable<String> group = policyGroups.containsKey(name) ? policyGroups.get(name) : groups.getOrDefault(name, Set.of());
                group.forEach(result::add);
            } else {
                result.add(target);
            }
        }
        return result;
    }

    /** Builds a member list from plain codes, with generated placeholder metadata; for tests and tools. */
    public static Members of(Map<String, String> publicKeysByCode, Map<String, List<String>> groups) {
        List<Member> list = new ArrayList<>();
        publicKeysByCode.forEach((code, key) -> list.add(new Member(code, code, "", "default", key)));
        return new Members(list, new LinkedHashMap<>(groups));
    }
}
