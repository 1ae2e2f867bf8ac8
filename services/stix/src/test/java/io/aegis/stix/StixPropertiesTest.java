package io.aegis.stix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.schema.signal.SignalContent;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The invariants of the mapping, over random signals of every shape. */
class StixPropertiesTest {

    @Provide
    Arbitrary<StixSignal> signals() {
        return SignalArbitraries.anyAttribution();
    }

    @Provide
    Arbitrary<StixSignal> unrevokedSignals() {
        return SignalArbitraries.anyAttribution().filter(s -> !s.revoked());
    }

    @Provide
    Arbitrary<StixSignal> anonymousCopies() {
        // Origin names no lower-case content can contain, so any occurrence is a leak.
        return SignalArbitraries.signal(null, null);
    }

    @Property(tries = 200)
    void signalToStixToSignalShouldKeepEveryMappedField(@ForAll("unrevokedSignals") StixSignal signal) {
        StixImport.Result result = StixImport.read(StixExport.bundle(StixExport.objects(signal)));

        assertThat(result.failures()).isEmpty();
        assertThat(result.signals()).hasSize(1);
        assertThat(BodyContent.of(result.signals().get(0).body())).isEqualTo(signal.content());
    }

    @Property(tries = 200)
    void stixToSignalToStixShouldKeepIdsAndMarkings(@ForAll("unrevokedSignals") StixSignal signal) {
        List<ObjectNode> exported = StixExport.objects(signal);
        StixImport.Imported imported = StixImport.read(StixExport.bundle(exported)).signals().get(0);
        SignalContent content = BodyContent.of(imported.body());

        List<ObjectNode> again = StixExport.objects(new StixSignal(signal.signalId(), signal.originCountry(),
                signal.originAgency(), signal.created(), signal.modified(), content, false));

        assertThat(idsAndMarkings(again)).isEqualTo(idsAndMarkings(exported));
        assertThat(imported.usedIds()).containsExactlyInAnyOrderElementsOf(exported.stream()
                .filter(o -> !o.get("type").asText().matches("identity|marking-definition|extension-definition"))
                .map(o -> o.get("id").asText()).toList());
    }

    @Property(tries = 200)
    void everyExportedObjectShouldConform(@ForAll("signals") StixSignal signal) {
        List<ObjectNode> objects = StixExport.objects(signal);
        List<ObjectNode> revoked = StixExport.revoked(StixExport.skeleton(signal), signal.modified().plusSeconds(60));
        List<ObjectNode> all = new ArrayList<>(objects);
        all.addAll(revoked);
        all.add(StixExport.bundle(objects));
        all.add(StixExport.bundle(revoked));

        for (ObjectNode o : all) {
            assertThat(StixConformance.violations(o)).as(o.toString()).isEmpty();
        }
    }

    @Property(tries = 200)
    void anAnonymousCopyShouldNameItsOriginNowhere(@ForAll("anonymousCopies") StixSignal copy) {
        // The same copy attributed to a country and an agency Aegis could only have learnt from the origin.
        StixSignal attributed = new StixSignal(copy.signalId(), "QZ", "Zeta Agency", copy.created(),
                copy.modified(), copy.content(), copy.revoked());

        String anonymous = StixExport.bundle(StixExport.objects(copy)).toString()
                + StixExport.revoked(StixExport.skeleton(copy), copy.modified().plusSeconds(1));
        String named = StixExport.bundle(StixExport.objects(attributed)).toString();

        assertThat(named).contains("QZ", "Zeta Agency");
        assertThat(anonymous).doesNotContain("QZ", "Zeta Agency", "origin_country", "origin_agency");
        assertThat(StixExport.objects(copy)).filteredOn(o -> !o.get("type").asText().equals("extension-definition"))
                .allSatisfy(o -> assertThat(o.has("created_by_ref")).as(o.get("id").asText()).isFalse());
        assertThat(ids(StixExport.objects(copy))).doesNotContainAnyElementsOf(
                ids(StixExport.objects(attributed)).stream().filter(id -> id.startsWith("identity--")
                        && !id.equals(AegisExtension.NETWORK_IDENTITY_ID)).toList());
    }

    private static List<String> ids(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.get("id").asText()).toList();
    }

    private static String idsAndMarkings(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.get("id").asText() + " " + o.path("object_marking_refs"))
                .collect(Collectors.joining("\n"));
    }
}
