package io.aegis.node.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;

/**
 * The node's identity and limits ({@code aegis.node.*}). The signing key is a secret: it is
 * never logged and never rendered by {@link #toString()}.
 *
 * @param country           ISO 3166-1 alpha-2 code of the member this node serves
 * @param agency            agency id within the country, written on signals and receipts
 * @param signingKey        base64 PKCS#8 Ed25519 private key
 * @param keyId             id of that key as listed in members.yaml
 * @param produceTimeout    how long a write may take before the API answers 503
 * @param maxClockSkew      how far in the future observedAt may lie
 * @param maxBatch          most signals one batch request may carry
 * @param idempotencyTtl    how long an Idempotency-Key is remembered
 * @param idempotencyKeys   most Idempotency-Keys remembered at once
 * @param persistentStores  RocksDB state stores (true) or in-memory ones restored from changelogs
 * @param streamPoll        how often SSE streams look for new items
 */
@ConfigurationProperties("aegis.node")
public record NodeConfig(
        @NotBlank @Pattern(regexp = "[A-Z]{2}") String country,
        @NotBlank String agency,
        @NotBlank String signingKey,
        @Bindable(defaultValue = "default") @NotBlank String keyId,
        @Bindable(defaultValue = "5s") @NotNull Duration produceTimeout,
        @Bindable(defaultValue = "5m") @NotNull Duration maxClockSkew,
        @Bindable(defaultValue = "1000") @Min(1) @Max(10_000) int maxBatch,
        @Bindable(defaultValue = "24h") @NotNull Duration idempotencyTtl,
        @Bindable(defaultValue = "100000") @Min(1) int idempotencyKeys,
        @Bindable(defaultValue = "true") boolean persistentStores,
        @Bindable(defaultValue = "100ms") @NotNull Duration streamPoll) {

    @Override
    public String toString() {
        return "NodeConfig[country=" + country + ", agency=" + agency + ", keyId=" + keyId + ", signingKey=<secret>]";
    }
}
