package io.aegis.stix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Aegis STIX 2.1 property extension, which carries the signal fields STIX has no property for (on
 * reports) and the Aegis indicator type and value (on indicators), and the two objects that define it:
 * the {@code extension-definition} and the Aegis network {@code identity} that created it. Both have
 * fixed ids and timestamps, so every export ships the same versions of them.
 */
public final class AegisExtension {

    /** The fixed id of the Aegis extension definition; the key under {@code extensions}. */
    public static final String ID = "extension-definition--2c5e9a41-7d3b-4e8f-a1c6-93b0d4e7f215";

    /** Classpath resource of the JSON Schema of the extension's properties. */
    public static final String SCHEMA_RESOURCE = "/io/aegis/stix/aegis-signal-extension.schema.json";

    /** What the extension definition's {@code schema} property says: where the schema is. */
    public static final String SCHEMA_LOCATION =
            "JSON Schema shipped in the aegis-stix library at classpath:" + SCHEMA_RESOURCE
                    + " (source: services/stix/src/main/resources" + SCHEMA_RESOURCE + ")";

    public static final String VERSION = "1.0.0";

    /** The identity of the Aegis network itself, creator of the extension definition. */
    public static final String NETWORK_IDENTITY_ID = StixIds.forName("identity", "aegis-network");

    /** When the extension definition and the network identity were first defined. */
    public static final String DEFINED = "2026-01-01T00:00:00.000Z";

    /** The pattern_type of indicators whose type STIX patterns cannot express (AI-specific types). */
    public static final String PATTERN_TYPE = "aegis";

    private AegisExtension() {
    }

    /** The JSON Schema text of the extension properties. */
    public static String schema() {
        try (InputStream in = AegisExtension.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code extension-definition} object. */
    public static ObjectNode definition() {
        ObjectNode ed = JsonNodeFactory.instance.objectNode();
        ed.put("type", "extension-definition");
        ed.put("spec_version", "2.1");
        ed.put("id", ID);
        ed.put("created_by_ref", NETWORK_IDENTITY_ID);
        ed.put("created", DEFINED);
        ed.put("modified", DEFINED);
        ed.put("name", "Aegis signal");
        ed.put("description", "Aegis AI-threat signal fields on reports (category, sectors, severity, confidence, "
                + "observation time, TLP, recipients, campaign, signal id, origin when attributed) and Aegis "
                + "indicator types on indicators whose pattern_type is \"" + PATTERN_TYPE + "\".");
        ed.put("schema", SCHEMA_LOCATION);
        ed.put("version", VERSION);
        ed.putArray("extension_types").add("property-extension");
        return ed;
    }

    /** The Aegis network identity (a system: the sharing network, not any member). */
    public static ObjectNode networkIdentity() {
        ObjectNode id = JsonNodeFactory.instance.objectNode();
        id.put("type", "identity");
        id.put("spec_version", "2.1");
        id.put("id", NETWORK_IDENTITY_ID);
        id.put("created", DEFINED);
        id.put("modified", DEFINED);
        id.put("name", "Aegis network");
        id.put("description", "The Aegis network through which national agencies share AI threat signals.");
        id.put("identity_class", "system");
        return id;
    }
}
