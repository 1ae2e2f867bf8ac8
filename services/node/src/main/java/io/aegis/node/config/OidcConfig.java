package io.aegis.node.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Sign-in of people through the agency's own OpenID Connect provider ({@code aegis.node.oidc.*}), off
 * unless {@code aegis.node.oidc.enabled} is true. Only the presence of the keys is declared here: what
 * they must hold is checked, naming the key, by {@code io.aegis.node.security.oidc.OidcSettings} when
 * the node starts. The client secret is never rendered by {@link #toString()}.
 *
 * @param enabled       true to offer OIDC sign-in next to the password
 * @param name          what the console calls the provider ("Sign in with &lt;name&gt;")
 * @param issuer        the provider's issuer URL, exactly as its ID tokens name it ({@code iss})
 * @param clientId      the client id the provider registered for this node (the ID tokens' audience)
 * @param clientSecret  the client secret the provider issued for this node
 * @param publicUrl     the node's base URL as browsers reach it; the redirect URI is {@code <publicUrl>/oauth/callback}
 * @param usernameClaim the ID-token claim holding the node user name
 * @param scope         the scopes asked for, space separated; must contain {@code openid}
 * @param loginTimeout  how long a started sign-in may take at the provider before its state expires
 */
@ConfigurationProperties("aegis.node.oidc")
@Requires(property = "aegis.node.oidc.enabled", value = "true")
public record OidcConfig(
        boolean enabled,
        @Nullable String name,
        @Nullable String issuer,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String publicUrl,
        @Bindable(defaultValue = "preferred_username") String usernameClaim,
        @Bindable(defaultValue = "openid profile") String scope,
        @Bindable(defaultValue = "PT10M") Duration loginTimeout) {

    @Override
    public String toString() {
        return "OidcConfig[name=" + name + ", issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=<secret>"
                + ", publicUrl=" + publicUrl + ", usernameClaim=" + usernameClaim + ", scope=" + scope + "]";
    }
}
