package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.policy.TlpLabels;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped JSON Schema of the Aegis extension says what the export writes: its enums are the
 * contract's symbols (an appended category must reach the schema too), every property the export puts
 * in the extension is declared, and each object carries the properties the schema requires of it.
 */
class ExtensionSchemaTest {

    private final JsonNode schema = read(AegisExtension.schema());

    @Test
    void shouldListTheContractsSymbolsInItsEnums() {
        assertThat(symbols("category")).isEqualTo(names(Category.values()));
        assertThat(symbols("indicator_type")).isEqualTo(names(IndicatorType.values()));
        assertThat(texts(schema.at("/properties/sectors/items/enum"))).isEqualTo(names(Sector.values()));
        assertThat(symbols("tlp")).isEqualTo(new TreeSet<>(Arrays.stream(Tlp.values()).map(TlpLabels::label).toList()));
    }

    @Test
    void shouldDeclareEveryPropertyTheExportWritesAndHoldWhatItRequires() {
        Set<String> declared = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(declared::add);
        List<JsonNode> extensions = new ArrayList<>();
        for (String agency : new String[]{"ANSSI", null}) {
            for (ObjectNode object : StixExport.objects(Samples.signal(Tlp.AMBER, "FR", agency))) {
                JsonNode extension = object.path("extensions").path(AegisExtension.ID);
                if (!extension.isMissingNode()) {
                    extensions.add(extension);
                }
            }
        }
        assertThat(extensions).hasSizeGreaterThan(2);
        for (JsonNode extension : extensions) {
            Set<String> written = new TreeSet<>();
            extension.fieldNames().forEachRemaining(written::add);
            assertThat(declared).containsAll(written);
            assertThat(written).contains("extension_type");
            boolean satisfiesOne = false;
            for (JsonNode alternative : schema.get("anyOf")) {
                satisfiesOne |= written.containsAll(texts(alternative.get("required")));
            }
            assertThat(satisfiesOne).as("%s holds the properties one of the schema's shapes requires", extension).isTrue();
        }
    }

    private Set<String> symbols(String property) {
        return texts(schema.at("/properties/" + property + "/enum"));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Set<String> names(Enum<?>[] values) {
        return new TreeSet<>(Arrays.stream(values).map(Enum::name).toList());
    }

    private static JsonNode read(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
