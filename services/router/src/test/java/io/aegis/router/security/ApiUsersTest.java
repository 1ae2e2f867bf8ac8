package io.aegis.router.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.router.config.ApiUserConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiUsersTest {

    private static final String FR_PASSWORD = "fr-Zq6v8mJ1xKp0wT3r";
    private static final String CC_PASSWORD = "cc-Lr5n2Yb7uQe9sH4d";

    private static ApiUsers users() {
        return ApiUsers.of(List.of(
                new ApiUserConfig("fr-soc", io.aegis.kafka.crypto.SecretHash.hex(FR_PASSWORD), "FR", null),
                new ApiUserConfig("ops", io.aegis.kafka.crypto.SecretHash.hex(CC_PASSWORD), null, true)));
    }

    @Test
    void shouldAuthenticateAUserByTheHashOfItsPassword() {
        assertThat(users().authenticate("fr-soc", FR_PASSWORD)).contains(new ApiUser("fr-soc", "FR"));
        assertThat(users().authenticate("ops", CC_PASSWORD)).hasValueSatisfying(u -> assertThat(u.coordination()).isTrue());
    }

    @Test
    void shouldMatchUserNamesRegardlessOfCaseAsConfigurationKeysAre() {
        // why: Micronaut binds users.node-FR as node-fr; the client still sends node-FR
        assertThat(users().authenticate("FR-SOC", FR_PASSWORD)).contains(new ApiUser("fr-soc", "FR"));
        assertThat(users().authenticate("FR-SOC", CC_PASSWORD)).isEmpty();
    }

    @Test
    void shouldRefuseAWrongPasswordAnUnknownUserAndAnotherUsersPassword() {
        assertThat(users().authenticate("fr-soc", FR_PASSWORD + "x")).isEmpty();
        assertThat(users().authenticate("fr-soc", CC_PASSWORD)).isEmpty();
        assertThat(users().authenticate("nobody", FR_PASSWORD)).isEmpty();
        assertThat(users().authenticate(null, null)).isEmpty();
    }

    @Test
    void shouldLetNobodyInWhenNoUserIsConfigured() {
        // why: the router must start (and route) without API users; the API is then simply closed
        ApiUsers none = ApiUsers.of(List.of());

        assertThat(none.size()).isZero();
        assertThat(none.authenticate("", "")).isEmpty();
        assertThat(none.authenticate("fr-soc", FR_PASSWORD)).isEmpty();
    }

    @Test
    void shouldShowAMemberOnlyItsOwnSignalsAndTheCoordinationCentreAll() {
        ApiUser fr = new ApiUser("fr-soc", "FR");
        ApiUser ops = new ApiUser("ops", null);

        assertThat(fr.maySee("FR")).isTrue();
        assertThat(fr.maySee("DE")).isFalse();
        assertThat(fr.maySee(null)).as("an unrecorded origin is shown to no member").isFalse();
        assertThat(ops.maySee("DE")).isTrue();
        assertThat(ops.maySee(null)).isTrue();
    }

    @Test
    void shouldRefuseAUserWithNeitherCountryNorCoordinationNamingTheKey() {
        assertThatThrownBy(() -> ApiUsers.of(List.of(new ApiUserConfig("lost", io.aegis.kafka.crypto.SecretHash.hex("p"), null, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aegis.router.api.users.lost needs .country")
                .hasMessageContaining(".coordination: true");
        assertThatThrownBy(() -> ApiUsers.of(List.of(new ApiUserConfig("lost", io.aegis.kafka.crypto.SecretHash.hex("p"), " ", false))))
                .hasMessageContaining("aegis.router.api.users.lost needs .country");
    }

    @Test
    void shouldRefuseAUserWithBothCountryAndCoordinationNamingTheKey() {
        // why: a member's user that also had the coordination centre's view would see every member's signals
        assertThatThrownBy(() -> ApiUsers.of(List.of(new ApiUserConfig("both", io.aegis.kafka.crypto.SecretHash.hex("p"), "FR", true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aegis.router.api.users.both sets both .country and .coordination");
    }

    @Test
    void shouldRefuseAMalformedOrMissingHashNamingTheKey() {
        String valid = io.aegis.kafka.crypto.SecretHash.hex("p");
        for (String hash : new String[] {null, "", "secret", valid.substring(1), valid + "0", "g" + valid.substring(1)}) {
            assertThatThrownBy(() -> ApiUsers.of(List.of(new ApiUserConfig("fr-soc", hash, "FR", null))))
                    .as("hash %s", hash)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("aegis.router.api.users.fr-soc.password-sha256 must be 64 hex characters");
        }
    }

    @Test
    void shouldRefuseACountryThatIsNoCountryCodeNamingTheKey() {
        assertThatThrownBy(() -> ApiUsers.of(List.of(new ApiUserConfig("uk", io.aegis.kafka.crypto.SecretHash.hex("p"), "UK", null))))
                .hasMessageContaining("aegis.router.api.users.uk.country must be an ISO 3166-1 alpha-2 country code");
    }

    @Test
    void shouldNameEveryBrokenUserAtOnce() {
        assertThatThrownBy(() -> ApiUsers.of(List.of(
                new ApiUserConfig("a", "x", "FR", null),
                new ApiUserConfig("ok", io.aegis.kafka.crypto.SecretHash.hex("p"), "DE", null),
                new ApiUserConfig("b", io.aegis.kafka.crypto.SecretHash.hex("p"), null, null))))
                .hasMessageContaining("aegis.router.api.users.a.password-sha256")
                .hasMessageContaining("aegis.router.api.users.b needs")
                .hasMessageNotContaining("users.ok");
    }

    @Test
    void shouldAcceptAnUpperCaseHashAsTheSameHash() {
        ApiUsers upper = ApiUsers.of(List.of(new ApiUserConfig("fr-soc", io.aegis.kafka.crypto.SecretHash.hex(FR_PASSWORD).toUpperCase(), "FR", null)));

        assertThat(upper.authenticate("fr-soc", FR_PASSWORD)).isPresent();
    }

    @Test
    void shouldNeverPrintTheHashOfAConfiguredUser() {
        ApiUserConfig config = new ApiUserConfig("fr-soc", io.aegis.kafka.crypto.SecretHash.hex(FR_PASSWORD), "FR", null);

        assertThat(config.toString()).doesNotContain(io.aegis.kafka.crypto.SecretHash.hex(FR_PASSWORD));
    }
}
