package io.aegis.node.security.oidc;

import io.aegis.node.config.OidcConfig;
import io.aegis.node.security.PasswordHashes;
import io.aegis.node.security.SessionKey;
import io.aegis.node.security.UserDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OidcSettingsTest {

    static final SessionKey KEY = new SessionKey(Base64.getEncoder().encodeToString(new byte[32]),
            new UserDirectory(List.of(), new PasswordHashes(12)));

    static OidcConfig config(String issuer, String clientId, String secret, String publicUrl, String scope) {
        return new OidcConfig(true, "Agency IdP", issuer, clientId, secret, publicUrl, "preferred_username", scope,
                Duration.ofMinutes(10));
    }

    static OidcConfig valid() {
        return config("https://idp.agency.example/realms/aegis", "aegis-node", "s3cret-value", "https://aegis.agency.example/",
                "openid profile");
    }

    @Test
    void shouldDeriveTheRedirectUriAndDiscoveryFromTheKeys() {
        OidcSettings settings = new OidcSettings(valid(), KEY);

        assertThat(settings.redirectUri()).isEqualTo("https://aegis.agency.example/oauth/callback");
        assertThat(settings.discovery()).hasToString("https://idp.agency.example/realms/aegis/.well-known/openid-configuration");
        assertThat(settings.issuer()).isEqualTo("https://idp.agency.example/realms/aegis");
        assertThat(settings.toString()).doesNotContain("s3cret-value");
        assertThat(valid().toString()).doesNotContain("s3cret-value");
    }

    @Test
    void shouldKeepAnIssuerWithATrailingSlashExactly() {
        OidcSettings settings = new OidcSettings(config("https://tenant.idp.example/", "aegis-node", "x", "https://aegis.example",
                "openid"), KEY);

        assertThat(settings.issuer()).isEqualTo("https://tenant.idp.example/");
        assertThat(settings.discovery()).hasToString("https://tenant.idp.example/.well-known/openid-configuration");
    }

    @Test
    void shouldNameEveryMissingKey() {
        assertThatThrownBy(() -> new OidcSettings(config(null, "c", "s", "https://a.example", "openid"), KEY))
                .hasMessage("aegis.node.oidc.issuer is required when aegis.node.oidc.enabled is true");
        assertThatThrownBy(() -> new OidcSettings(config("https://i.example", " ", "s", "https://a.example", "openid"), KEY))
                .hasMessageStartingWith("aegis.node.oidc.client-id is required");
        assertThatThrownBy(() -> new OidcSettings(config("https://i.example", "c", null, "https://a.example", "openid"), KEY))
                .hasMessageStartingWith("aegis.node.oidc.client-secret is required");
        assertThatThrownBy(() -> new OidcSettings(config("https://i.example", "c", "s", null, "openid"), KEY))
                .hasMessageStartingWith("aegis.node.oidc.public-url is required");
        assertThatThrownBy(() -> new OidcSettings(new OidcConfig(true, null, "https://i.example", "c", "s", "https://a.example",
                "preferred_username", "openid", Duration.ofMinutes(10)), KEY)).hasMessageStartingWith("aegis.node.oidc.name is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://idp.agency.example", "ftp://idp.example", "idp.example", "https://idp.example/?x=1",
            "https://user@idp.example", "https://idp.example/#f", "https:// bad"})
    void shouldRefuseAnIssuerThatIsNotAnHttpsUrl(String issuer) {
        assertThatThrownBy(() -> new OidcSettings(config(issuer, "c", "s", "https://a.example", "openid"), KEY))
                .hasMessageStartingWith("aegis.node.oidc.issuer must");
    }

    @Test
    void shouldAllowPlainHttpToThisMachineOnly() {
        OidcSettings settings = new OidcSettings(config("http://localhost:8180/realms/aegis", "c", "s", "http://127.0.0.1:8101", "openid"), KEY);

        assertThat(settings.redirectUri()).isEqualTo("http://127.0.0.1:8101/oauth/callback");
        assertThatThrownBy(() -> new OidcSettings(config("https://i.example", "c", "s", "http://aegis.example", "openid"), KEY))
                .hasMessageStartingWith("aegis.node.oidc.public-url must be https");
    }

    @Test
    void shouldRequireTheOpenidScope() {
        assertThatThrownBy(() -> new OidcSettings(config("https://i.example", "c", "s", "https://a.example", "profile email"), KEY))
                .hasMessage("aegis.node.oidc.scope must contain openid, has: profile email");
    }

    @Test
    void shouldBoundTheLoginTimeout() {
        assertThatThrownBy(() -> new OidcSettings(new OidcConfig(true, "n", "https://i.example", "c", "s", "https://a.example",
                "preferred_username", "openid", Duration.ofSeconds(5)), KEY))
                .hasMessageStartingWith("aegis.node.oidc.login-timeout must be between PT1M and PT1H");
    }

    @Test
    void shouldRequireAConfiguredSessionKey() {
        SessionKey random = new SessionKey(null, new UserDirectory(List.of(), new PasswordHashes(12)));

        assertThatThrownBy(() -> new OidcSettings(valid(), random))
                .hasMessageStartingWith("aegis.node.session-key is required when aegis.node.oidc.enabled is true");
    }
}
