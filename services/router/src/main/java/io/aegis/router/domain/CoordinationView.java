package io.aegis.router.domain;

import io.aegis.schema.coordination.KeyKind;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.schema.routing.CoordinationSignal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the minimised view of a signal that the coordination pipeline may see, at the level the
 * origin's policy sets. FULL carries indicators, systems, campaign and title as sent; HASHED
 * replaces every indicator value, system and campaign id by its HMAC-SHA256 (lower-case hex) under
 * the network key and drops the title; COUNT_ONLY carries only category, sectors, severity,
 * confidence, TLP and times; NONE produces nothing. FULL and HASHED also carry the correlation
 * digests (HMACs of campaign, indicators and systems; indicator values in the normal form of
 * {@link IndicatorValues}), so that they correlate with each other however a value was typed.
 */
public final class CoordinationView {

    private final byte[] networkKey;

    public CoordinationView(byte[] networkKey) {
        if (networkKey == null || networkKey.length < 16) {
            throw new IllegalArgumentException("aegis.network-key must decode to at least 16 bytes");
        }
        this.networkKey = networkKey.clone();
    }

    public Optional<CoordinationSignal> of(ThreatSignal signal, CoordinationLevel level, boolean retracted) {
        if (level == CoordinationLevel.NONE) {
            return Optional.empty();
        }
        SignalContent content = signal.getContent();
        CoordinationSignal.Builder view = CoordinationSignal.newBuilder()
                .setSignalId(signal.getId())
                .setOriginCountry(signal.getOriginCountry())
                .setLevel(level)
                .setCategory(content.getCategory())
                .setSectors(content.getSectors())
                .setSeverity(content.getSeverity())
                .setConfidence(content.getConfidence())
                .setTlp(content.getTlp())
                .setObservedAt(content.getObservedAt())
                .setSubmittedAt(signal.getSubmittedAt())
                .setRetracted(retracted);
        List<String> systems = content.getAffectedSystems().stream().map(s -> s.getProvider() + "/" + s.getModel()).toList();
        if (level == CoordinationLevel.FULL || level == CoordinationLevel.HASHED) {
            view.setCorrelationDigests(digests(content, systems));
        }
        if (level == CoordinationLevel.FULL) {
            view.setIndicators(content.getIndicators()).setAffectedSystems(systems)
                    .setCampaignId(content.getCampaignId()).setTitle(content.getTitle());
        } else if (level == CoordinationLevel.HASHED) {
            view.setIndicators(content.getIndicators().stream().map(i -> new Indicator(i.getType(), hmac(IndicatorValues.normalised(i)))).toList())
                    .setAffectedSystems(systems.stream().map(this::hmac).toList())
                    .setCampaignId(content.getCampaignId() == null ? null : hmac(content.getCampaignId()));
        }
        return Optional.of(view.build());
    }

    /**
     * The correlation digests of a signal shared at FULL or HASHED: the same HMACs a HASHED view
     * carries, with their key prefixes, so that FULL and HASHED signals about the same campaign,
     * indicator or system correlate in the escalation pipeline.
     */
    private List<String> digests(SignalContent content, List<String> systems) {
        List<String> digests = new java.util.ArrayList<>();
        if (content.getCampaignId() != null && !content.getCampaignId().isBlank()) {
            digests.add(KeyKind.CAMPAIGN.key(hmac(content.getCampaignId())));
        }
        content.getIndicators().forEach(i -> digests.add(KeyKind.indicator(i.getType(), hmac(IndicatorValues.normalised(i)))));
        systems.forEach(system -> digests.add(KeyKind.SYSTEM.key(hmac(system))));
        return digests;
    }

    /** HMAC-SHA256 of {@code value} (UTF-8) under the network key, lower-case hex. */
    public String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(networkKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
