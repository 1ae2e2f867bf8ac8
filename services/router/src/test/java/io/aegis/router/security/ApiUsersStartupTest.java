package io.aegis.router.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiUsersStartupTest {

    @Test
    void shouldRefuseToStartTheRouterWithABrokenApiUserNamingTheKey() {
        // why: a user without a scope could otherwise surface only at its first call, or never;
        // the users are checked first, before the streams (whose member file does not even exist here)
        Map<String, Object> props = Map.of(
                "aegis.infra.dir", "target/no-such-infra",
                "aegis.router.api.users.lost.password-sha256", io.aegis.kafka.crypto.SecretHash.hex("p"));

        assertThatThrownBy(() -> ApplicationContext.run(props).close())
                .hasStackTraceContaining("aegis.router.api.users.lost needs .country");
    }
}
