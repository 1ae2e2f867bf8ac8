package io.aegis.node.security.oidc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnToTest {

    @ParameterizedTest
    @ValueSource(strings = {"/console/", "/console/#case/case-1", "/console/index.html", "/console/#inbox/sig-1:a.b_c-d"})
    void shouldKeepAConsolePath(String path) {
        assertThat(ReturnTo.of(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "/", "/console", "https://evil.example/console/", "//evil.example/console/",
            "/console//evil.example", "/console/../api/v1/users", "/console/./x", "/console/..", "/api/v1/cases",
            "javascript:alert(1)", "/console/\\evil.example", "/console/%2e%2e/x", "/console/\r\nSet-Cookie: x=y",
            "/console/ x", "/Console/", "\t/console/"})
    void shouldFallBackToTheConsoleForAnythingElse(String path) {
        assertThat(ReturnTo.of(path)).isEqualTo(ReturnTo.CONSOLE);
    }
}
