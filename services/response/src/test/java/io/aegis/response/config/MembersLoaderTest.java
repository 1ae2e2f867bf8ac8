package io.aegis.response.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MembersLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadMemberCodesInFileOrderIgnoringOtherFields() throws IOException {
        Path file = Files.writeString(dir.resolve("members.yaml"), """
                members:
                  - {code: FR, name: France, region: EU, keyId: fr-1, publicKey: abc}
                  - {code: JP, name: Japan}
                groups:
                  g7: [FR, JP]
                """);

        assertEquals(List.of("FR", "JP"), MembersLoader.load(file));
    }

    @Test
    void shouldRefuseMalformedAndDuplicateCodes() throws IOException {
        Path file = Files.writeString(dir.resolve("members.yaml"), """
                members:
                  - {code: fr}
                  - {code: JP}
                  - {code: JP}
                  - {name: nameless}
                """);

        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> MembersLoader.load(file));

        assertEquals(List.of(
                file + ": members[0].code: must be an ISO 3166-1 alpha-2 code (two upper-case letters), got 'fr'",
                file + ": members[2].code: member JP is listed twice",
                file + ": members[3].code: is required and must not be blank"), error.problems());
    }
}
