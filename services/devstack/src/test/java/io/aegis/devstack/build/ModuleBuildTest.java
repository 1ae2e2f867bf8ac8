package io.aegis.devstack.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleBuildTest {

    @TempDir
    Path root;

    private Path source;
    private Path marker;

    @BeforeEach
    void builtModule() throws IOException {
        Path module = root.resolve("services/router");
        source = module.resolve("src/main/java/io/aegis/router/RouterApplication.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class RouterApplication {}");
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Files.createDirectories(module.resolve("target/classes"));
        marker = module.resolve("target/aegis-runtime.classpath");
        Files.writeString(marker, "/m2/a.jar");
        setTime(source, Instant.now().minusSeconds(60));
        setTime(module.resolve("pom.xml"), Instant.now().minusSeconds(60));
        setTime(marker, Instant.now().minusSeconds(30));
    }

    @Test
    void shouldConsiderAModuleBuiltAfterItsLastSourceChangeUpToDate() {
        assertFalse(new ModuleBuild(root, root.resolve("m2")).isStale("services/router"));
    }

    @Test
    void shouldConsiderAModuleStaleWhenASourceChangedAfterTheBuild() throws IOException {
        setTime(source, Instant.now());
        assertTrue(new ModuleBuild(root, root.resolve("m2")).isStale("services/router"));
    }

    @Test
    void shouldConsiderAModuleStaleWhenASharedLibraryChangedAfterTheBuild() throws IOException {
        // why: a service runs against kafka-support's classes; running it on the old ones fails at run time
        Path library = root.resolve("services/kafka-support/src/main/java/io/aegis/kafka/topic/Topics.java");
        Files.createDirectories(library.getParent());
        Files.writeString(library, "class Topics {}");

        assertTrue(new ModuleBuild(root, root.resolve("m2")).isStale("services/router"));
    }

    @Test
    void shouldConsiderAModuleStaleWithoutItsClasspathFile() throws IOException {
        Files.delete(marker);
        assertTrue(new ModuleBuild(root, root.resolve("m2")).isStale("services/router"));
    }

    @Test
    void shouldBuildUpstreamLibrariesAlongOnlyWhenAsked() {
        ModuleBuild build = new ModuleBuild(root, root.resolve("m2"));
        List<String> plain = build.command(List.of("services/router", "services/node"), false);
        List<String> withUpstream = build.command(List.of("services/router"), true);
        assertEquals(List.of(root.resolve("mvnw").toString(), "-q", "-B", "-DskipTests", "compile",
                "dependency:build-classpath", "-Dmdep.outputFile=target/aegis-runtime.classpath", "-DincludeScope=runtime",
                "--fail-at-end", "-pl", "services/router,services/node"), plain);
        assertEquals("-am", withUpstream.get(withUpstream.size() - 1));
    }

    @Test
    void shouldNoticeUpstreamLibrariesMissingFromTheLocalRepository() throws IOException {
        // given a local repository holding only the schemas
        Path repo = root.resolve("m2");
        Path schemas = repo.resolve("io/aegis/aegis-schemas/0.1.0-SNAPSHOT/aegis-schemas-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(schemas.getParent());
        Files.writeString(schemas, "jar");
        ModuleBuild build = new ModuleBuild(root, repo);
        assertTrue(build.upstreamMissing());

        // when kafka-support, test-support and the policy library are installed too
        for (String artifact : List.of("aegis-kafka-support", "aegis-test-support", "aegis-policy", "aegis-escalation-core")) {
            Path jar = repo.resolve("io/aegis/" + artifact + "/0.1.0-SNAPSHOT/" + artifact + "-0.1.0-SNAPSHOT.jar");
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "jar");
        }

        // then
        assertFalse(build.upstreamMissing());

        // when kafka-support's sources change after it was installed
        Path library = root.resolve("services/kafka-support/src/main/java/io/aegis/kafka/topic/Topics.java");
        Files.createDirectories(library.getParent());
        Files.writeString(library, "class Topics {}");
        setTime(repo.resolve("io/aegis/aegis-kafka-support/0.1.0-SNAPSHOT/aegis-kafka-support-0.1.0-SNAPSHOT.jar"),
                Instant.now().minusSeconds(60));

        // then it is built along instead of taken stale from the local repository
        assertTrue(build.upstreamMissing());
    }

    private static void setTime(Path file, Instant time) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(time));
    }
}
