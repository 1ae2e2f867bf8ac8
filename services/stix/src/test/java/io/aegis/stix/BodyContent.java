package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.policy.TlpLabels;
import io.aegis.schema.common.AffectedSystem;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.signal.SignalContent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Test helper: a signal body (the node's JSON contract) back into SignalContent, strictly. */
final class BodyContent {

    private BodyContent() {
    }

    static SignalContent of(JsonNode body) {
        return SignalContent.newBuilder()
                .setCategory(Category.valueOf(body.get("category").asText()))
                .setTitle(body.get("title").asText())
                .setDescription(body.has("description") ? body.get("description").asText() : null)
                .setSeverity(body.get("severity").asInt())
                .setConfidence(body.get("confidence").asInt())
                .setTlp(TlpLabels.parse(body.get("tlp").asText()).orElseThrow())
                .setObservedAt(Instant.parse(body.get("observedAt").asText()))
                .setSectors(list(body.get("sectors"), n -> Sector.valueOf(n.asText())))
                .setAtlasTechniques(list(body.get("atlasTechniques"), JsonNode::asText))
                .setAffectedSystems(list(body.get("affectedSystems"), n -> new AffectedSystem(n.get("provider").asText(),
                        n.get("model").asText(), n.has("version") ? n.get("version").asText() : null)))
                .setIndicators(list(body.get("indicators"),
                        n -> new Indicator(IndicatorType.valueOf(n.get("type").asText()), n.get("value").asText())))
                .setRecipients(list(body.get("recipients"), JsonNode::asText))
                .setCampaignId(body.has("campaignId") ? body.get("campaignId").asText() : null)
                .build();
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        array.forEach(n -> out.add(f.apply(n)));
        return out;
    }
}
