package io.aegis.devstack.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrillRecipientsTest {

    private static final Path INFRA = Path.of("../../infra").toAbsolutePath().normalize();

    @Test
    void shouldExpectEveryOtherMemberExceptWhereTheDemoPoliciesEmbargo() throws Exception {
        // FR delays BR by an hour, BR delays everyone outside its bilateral and observer groups by
        // 30 minutes: within a drill those copies must not arrive, so they are not expected
        Map<String, Set<String>> recipients = DrillRecipients.fromFiles(INFRA.resolve("policies"),
                INFRA.resolve("members.yaml"), List.of("FR", "DE", "JP", "BR", "KE"));

        assertThat(recipients).containsEntry("FR", Set.of("DE", "JP", "KE"))
                .containsEntry("DE", Set.of("FR", "JP", "BR", "KE"))
                .containsEntry("JP", Set.of("FR", "DE", "BR", "KE"))
                .containsEntry("KE", Set.of("FR", "DE", "JP", "BR"));
        assertThat(recipients.get("BR")).contains("FR").doesNotContain("BR");
    }

    @Test
    void shouldExpectNoRecipientOfAnOriginWithoutPolicy() throws Exception {
        Map<String, Set<String>> recipients = DrillRecipients.fromFiles(INFRA.resolve("no-such-dir"),
                INFRA.resolve("members.yaml"), List.of("FR", "DE"));

        assertThat(recipients).isEqualTo(Map.of("FR", Set.of(), "DE", Set.of()));
    }
}
