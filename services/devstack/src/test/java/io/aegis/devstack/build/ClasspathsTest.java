package io.aegis.devstack.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathsTest {

    @TempDir
    Path root;

    @Test
    void shouldCopyTheModuleClassesAndAegisArtifactsButUseThirdPartyJarsInPlace() throws IOException {
        // given a module whose classpath holds an Aegis jar, a sibling module's classes and a third-party jar
        Path module = root.resolve("services/node");
        Files.createDirectories(module.resolve("target/classes/io/aegis/node"));
        Files.writeString(module.resolve("target/classes/io/aegis/node/NodeApplication.class"), "v1");
        Path aegisJar = root.resolve("m2/io/aegis/aegis-schemas/0.1.0-SNAPSHOT/aegis-schemas-0.1.0-SNAPSHOT.jar");
        Path siblingClasses = root.resolve("services/kafka-support/target/classes");
        Path thirdParty = root.resolve("m2/org/apache/avro/avro-1.12.2.jar");
        for (Path jar : List.of(aegisJar, thirdParty)) {
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "jar");
        }
        Files.createDirectories(siblingClasses);
        Files.writeString(siblingClasses.resolve("Topic.class"), "t");
        Files.writeString(module.resolve("target/aegis-runtime.classpath"),
                String.join(File.pathSeparator, aegisJar.toString(), siblingClasses.toString(), thirdParty.toString()));
        Path lib = root.resolve("var/lib/run1/node");

        // when
        List<String> classpath = List.of(Classpaths.snapshot(module, lib).split(File.pathSeparator));

        // then
        assertEquals(4, classpath.size());
        assertEquals(lib.resolve("classes").toString(), classpath.get(0));
        assertTrue(classpath.get(1).startsWith(lib.toString()), classpath.get(1));
        assertTrue(classpath.get(2).startsWith(lib.toString()), classpath.get(2));
        assertEquals(thirdParty.toString(), classpath.get(3));
        // a rebuild of the module after the snapshot does not reach the running copy
        Files.writeString(module.resolve("target/classes/io/aegis/node/NodeApplication.class"), "v2");
        assertEquals("v1", Files.readString(lib.resolve("classes/io/aegis/node/NodeApplication.class")));
        assertEquals("t", Files.readString(Path.of(classpath.get(2)).resolve("Topic.class")));
    }
}
