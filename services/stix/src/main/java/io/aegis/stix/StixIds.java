package io.aegis.stix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * STIX identifiers: {@code type--UUID}. Aegis objects get name-based UUIDv5 ids in Aegis's own namespace
 * ({@link #AEGIS_NAMESPACE}), so that exporting the same signal version twice gives the same ids; cyber
 * observables get the specification's SCO ids (UUIDv5 in {@link #SCO_NAMESPACE} over the JCS form of
 * their ID-contributing properties). The SCO namespace is never used for anything else, as the
 * specification requires of SDO/SRO/meta ids.
 */
public final class StixIds {

    /** Aegis's fixed namespace for the name-based ids of its SDOs, meta objects and bundles. */
    public static final UUID AEGIS_NAMESPACE = UUID.fromString("6f1c9a52-3b7e-4d0a-9c55-2e8a1d4b7f30");

    /** The namespace STIX 2.1 (section 2.9) fixes for SCO ids. */
    public static final UUID SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /** {@code type--UUID} with an RFC 4122 UUID (versions 1-5, variant 10xx). */
    public static final Pattern IDENTIFIER = Pattern.compile(
            "^([a-z][a-z0-9-]*[a-z0-9])--([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$");

    private StixIds() {
    }

    /** The id of one part of a signal's export: {@code type--uuidv5(AEGIS, signalId + "/" + part)}. */
    public static String forSignalPart(String type, String signalId, String part) {
        return type + "--" + uuidV5(AEGIS_NAMESPACE, signalId + "/" + part);
    }

    /** An Aegis id that does not belong to one signal (identities, definitions, bundles). */
    public static String forName(String type, String name) {
        return type + "--" + uuidV5(AEGIS_NAMESPACE, name);
    }

    /** The specification's SCO id over the given ID-contributing string properties (nulls are left out). */
    public static String forObservable(String type, Map<String, String> contributing) {
        return type + "--" + uuidV5(SCO_NAMESPACE, canonicalJson(contributing));
    }

    /** True when {@code id} is a well-formed identifier of the given type (any type when null). */
    public static boolean isIdentifier(String id, String type) {
        if (id == null) {
            return false;
        }
        var m = IDENTIFIER.matcher(id);
        return m.matches() && (type == null || m.group(1).equals(type));
    }

    /** The type part of an identifier, or null when it is not one. */
    public static String typeOf(String id) {
        var m = id == null ? null : IDENTIFIER.matcher(id);
        return m != null && m.matches() ? m.group(1) : null;
    }

    /** RFC 4122 name-based UUID, version 5 (SHA-1). */
    public static UUID uuidV5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bits.getLong(), bits.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    /**
     * RFC 8785 (JCS) form of a flat object of strings: keys sorted by UTF-16 code units, no whitespace,
     * only the escapes JSON requires (short forms where they exist, lowercase backslash-u hex otherwise).
     */
    static String canonicalJson(Map<String, String> properties) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(properties).forEach((key, value) -> {
            if (value != null) {
                if (out.length() > 1) {
                    out.append(',');
                }
                appendString(out, key).append(':');
                appendString(out, value);
            }
        });
        return out.append('}').toString();
    }

    private static StringBuilder appendString(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
