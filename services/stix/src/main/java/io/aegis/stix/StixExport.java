package io.aegis.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.policy.TlpLabels;
import io.aegis.schema.common.AffectedSystem;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.signal.SignalContent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * Signal → STIX 2.1. One signal version becomes one report, the objects it refers to, and the marking
 * and extension definitions they use. Invariants: every id is name-based (same version, same objects);
 * origin information appears only when the copy names it; duplicate indicators, techniques and systems
 * in the content collapse into one object each (their ids would collide).
 */
public final class StixExport {

    private StixExport() {
    }

    /**
     * The STIX objects of one signal version: the report first, then the objects it refers to
     * (identity, indicators, attack patterns, AI systems), then the marking and extension definitions
     * they use. Deterministic: the same version always gives the same objects.
     */
    public static List<ObjectNode> objects(StixSignal signal) {
        SignalContent c = signal.content();
        LinkedHashMap<String, ObjectNode> children = new LinkedHashMap<>();
        ExportParts.originIdentity(signal).ifPresent(o -> children.put(o.get("id").asText(), o));
        for (Indicator i : c.getIndicators()) {
            children.putIfAbsent(ExportParts.indicatorId(signal.signalId(), i), ExportParts.indicator(signal, i));
        }
        for (String t : c.getAtlasTechniques()) {
            children.putIfAbsent(ExportParts.attackPatternId(signal.signalId(), t), ExportParts.attackPattern(signal, t));
        }
        for (AffectedSystem a : c.getAffectedSystems()) {
            children.putIfAbsent(ExportParts.softwareId(a), ExportParts.software(signal, a));
        }
        List<ObjectNode> out = new ArrayList<>();
        out.add(report(signal, List.copyOf(children.keySet())));
        out.addAll(children.values());
        out.add(TlpMarkings.definition(c.getTlp()));
        out.add(AegisExtension.networkIdentity());
        out.add(AegisExtension.definition());
        return out;
    }

    /** The id of a signal's report. */
    public static String reportId(String signalId) {
        return StixIds.forSignalPart("report", signalId, "report");
    }

    private static ObjectNode report(StixSignal s, List<String> refs) {
        SignalContent c = s.content();
        ObjectNode r = ExportParts.sdo("report", reportId(s.signalId()), s);
        r.put("name", c.getTitle());
        if (c.getDescription() != null) {
            r.put("description", c.getDescription());
        }
        r.put("published", StixTime.format(s.created()));
        r.putArray("report_types").add("threat-report");
        r.putArray("labels").add(c.getCategory().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        r.put("confidence", c.getConfidence());
        ArrayNode objectRefs = r.putArray("object_refs");
        // A report must refer to something; a bare signal refers to its own TLP marking definition.
        (refs.isEmpty() ? List.of(TlpMarkings.id(c.getTlp())) : refs).forEach(objectRefs::add);
        r.putObject("extensions").set(AegisExtension.ID, signalExtension(s));
        return r;
    }

    private static ObjectNode signalExtension(StixSignal s) {
        SignalContent c = s.content();
        ObjectNode ext = JsonNodeFactory.instance.objectNode();
        ext.put("extension_type", "property-extension");
        ext.put("signal_id", s.signalId());
        ext.put("category", c.getCategory().name());
        ext.put("severity", c.getSeverity());
        ext.put("confidence", c.getConfidence());
        ext.put("tlp", TlpLabels.label(c.getTlp()));
        ext.put("observed_at", StixTime.format(c.getObservedAt()));
        ArrayNode sectors = ext.putArray("sectors");
        c.getSectors().forEach(sector -> sectors.add(sector.name()));
        ArrayNode recipients = ext.putArray("recipients");
        c.getRecipients().forEach(recipients::add);
        if (c.getCampaignId() != null) {
            ext.put("campaign_id", c.getCampaignId());
        }
        if (s.originCountry() != null) {
            ext.put("origin_country", s.originCountry());
            if (s.originAgency() != null) {
                ext.put("origin_agency", s.originAgency());
            }
        }
        return ext;
    }

    /** The content-free record of a signal's versioned objects, for serving their revoked versions later. */
    public static StixSkeleton skeleton(StixSignal signal) {
        List<String> ids = new ArrayList<>();
        for (ObjectNode o : objects(signal)) {
            String type = o.get("type").asText();
            if (type.equals("report") || type.equals("indicator") || type.equals("attack-pattern")) {
                ids.add(o.get("id").asText());
            }
        }
        return new StixSkeleton(signal.signalId(), signal.created(), signal.content().getTlp(), List.copyOf(ids));
    }

    /** The revoked versions (at {@code modified}) of the objects in the skeleton. */
    public static List<ObjectNode> revoked(StixSkeleton skeleton, Instant modified) {
        return RevokedVersions.of(skeleton, modified);
    }

    /** A bundle of the objects (deterministic id). */
    public static ObjectNode bundle(List<ObjectNode> objects) {
        StringBuilder name = new StringBuilder("bundle");
        for (ObjectNode o : objects) {
            name.append('\n').append(o.path("id").asText()).append('@')
                    .append(o.path("modified").asText(o.path("created").asText("")));
        }
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("type", "bundle");
        b.put("id", StixIds.forName("bundle", name.toString()));
        ArrayNode array = b.putArray("objects");
        objects.forEach(o -> array.add(o.deepCopy()));
        return b;
    }
}
