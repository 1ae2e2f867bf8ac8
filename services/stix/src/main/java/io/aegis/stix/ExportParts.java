package io.aegis.stix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.schema.common.AffectedSystem;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.Tlp;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The objects a signal's report refers to: origin identity, indicators, attack patterns, AI systems.
 * Every id is a pure function of the signal id and the part it stands for (or, for shared objects, of
 * what they describe), so re-exports are stable. Nothing about the origin is written unless the copy
 * names it.
 */
final class ExportParts {

    static final String ATLAS_SOURCE = "mitre-atlas";

    private ExportParts() {
    }

    /** Type, spec_version, id, creator, created/modified, revoked and the TLP marking of a signal's SDO. */
    static ObjectNode sdo(String type, String id, StixSignal s) {
        ObjectNode o = header(type, id, s.created(), s.modified(), s.content().getTlp());
        Optional<String> creator = originIdentityId(s);
        creator.ifPresent(c -> o.put("created_by_ref", c));
        if (s.revoked()) {
            o.put("revoked", true);
        }
        return o;
    }

    static ObjectNode header(String type, String id, Instant created, Instant modified, Tlp tlp) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", StixTime.format(created));
        // why: the origin's clock stamps both; a version stamped before its signal was accepted (a clock
        // stepped back) must still satisfy STIX's modified >= created
        o.put("modified", StixTime.format(modified.isBefore(created) ? created : modified));
        o.putArray("object_marking_refs").add(TlpMarkings.id(tlp));
        return o;
    }

    /**
     * The origin's identity id: none when anonymous, the country's when only the country is named, the
     * agency's when the agency is. Country-only ids depend on the country alone.
     */
    static Optional<String> originIdentityId(StixSignal s) {
        if (s.originCountry() == null) {
            return Optional.empty();
        }
        if (s.originAgency() == null) {
            return Optional.of(StixIds.forName("identity", "country/" + s.originCountry()));
        }
        return Optional.of(StixIds.forName("identity", "agency/" + s.originCountry() + "/" + s.originAgency()));
    }

    /**
     * The origin identity object. Shared by every signal of that origin, so it has fixed timestamps and no
     * marking (one id, one version) and is never revoked with a signal.
     */
    static Optional<ObjectNode> originIdentity(StixSignal s) {
        return originIdentityId(s).map(id -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("type", "identity");
            o.put("spec_version", "2.1");
            o.put("id", id);
            o.put("created", AegisExtension.DEFINED);
            o.put("modified", AegisExtension.DEFINED);
            if (s.originAgency() == null) {
                o.put("name", s.originCountry());
                o.put("description", "Aegis member country " + s.originCountry() + ".");
            } else {
                o.put("name", s.originAgency());
                o.put("description", "Aegis member agency of country " + s.originCountry() + ".");
            }
            o.put("identity_class", "organization");
            return o;
        });
    }

    static String indicatorId(String signalId, Indicator i) {
        return StixIds.forSignalPart("indicator", signalId, "indicator/" + i.getType() + "/" + i.getValue());
    }

    /**
     * An indicator: a STIX pattern for the seven observable types, otherwise pattern_type "aegis" with the
     * value as pattern. Both carry the Aegis type and value in the extension, so a round trip is exact.
     */
    static ObjectNode indicator(StixSignal s, Indicator i) {
        ObjectNode o = sdo("indicator", indicatorId(s.signalId(), i), s);
        o.putArray("indicator_types").add("malicious-activity");
        Optional<String> pattern = PatternIndicators.pattern(i.getType(), i.getValue());
        o.put("pattern", pattern.orElse(i.getValue()));
        o.put("pattern_type", pattern.isPresent() ? "stix" : AegisExtension.PATTERN_TYPE);
        if (pattern.isPresent()) {
            o.put("pattern_version", "2.1");
        }
        o.put("valid_from", StixTime.format(s.content().getObservedAt()));
        ObjectNode ext = o.putObject("extensions").putObject(AegisExtension.ID);
        ext.put("extension_type", "property-extension");
        ext.put("indicator_type", i.getType().name());
        ext.put("value", i.getValue());
        return o;
    }

    static String attackPatternId(String signalId, String technique) {
        return StixIds.forSignalPart("attack-pattern", signalId, "attack-pattern/" + technique);
    }

    static ObjectNode attackPattern(StixSignal s, String technique) {
        ObjectNode o = sdo("attack-pattern", attackPatternId(s.signalId(), technique), s);
        o.put("name", technique);
        ObjectNode ref = o.putArray("external_references").addObject();
        ref.put("source_name", ATLAS_SOURCE);
        ref.put("external_id", technique);
        ref.put("url", "https://atlas.mitre.org/techniques/" + technique);
        return o;
    }

    /** The specification's SCO id of a software object: over name, vendor and version (cpe/swid unused). */
    static String softwareId(AffectedSystem a) {
        Map<String, String> contributing = new LinkedHashMap<>();
        contributing.put("name", a.getModel());
        contributing.put("vendor", a.getProvider());
        contributing.put("version", a.getVersion());
        return StixIds.forObservable("software", contributing);
    }

    /** An AI system as a software SCO (no created/modified: SCOs are not versioned), marked like the signal. */
    static ObjectNode software(StixSignal s, AffectedSystem a) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "software");
        o.put("spec_version", "2.1");
        o.put("id", softwareId(a));
        o.put("name", a.getModel());
        o.put("vendor", a.getProvider());
        if (a.getVersion() != null) {
            o.put("version", a.getVersion());
        }
        o.putArray("object_marking_refs").add(TlpMarkings.id(s.content().getTlp()));
        return o;
    }
}
