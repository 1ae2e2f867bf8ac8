package io.aegis.node.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Sign-in sessions and their throttle ({@code aegis.node.session.*}). The key that signs sessions
 * is {@code aegis.node.session-key} (see {@code io.aegis.node.security.SessionKey}), never here.
 *
 * @param secureCookie  mark the session cookie {@code Secure} (browsers then send it over HTTPS only);
 *                      true by default, false only on a plain-http localhost such as the devstack
 * @param expiry        how long a session lasts after sign-in
 * @param maxFailures   failed sign-ins allowed per user name and per client address within the window
 * @param failureWindow the window failed sign-ins are counted in (fixed, from the first failure)
 * @param passwordCost  bcrypt cost of the passwords an ADMIN sets (at least 12)
 */
@ConfigurationProperties("aegis.node.session")
public record SessionConfig(
        @Bindable(defaultValue = "true") boolean secureCookie,
        @Bindable(defaultValue = "PT8H") @NotNull Duration expiry,
        @Bindable(defaultValue = "5") @Min(1) int maxFailures,
        @Bindable(defaultValue = "PT15M") @NotNull Duration failureWindow,
        @Bindable(defaultValue = "12") @Min(12) @Max(31) int passwordCost) {
}
