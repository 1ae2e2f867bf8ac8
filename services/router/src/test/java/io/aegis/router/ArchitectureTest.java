package io.aegis.router;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    // Import the module's own compiled classes only: scanning every jar on the classpath is slow.
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPath(java.nio.file.Path.of("target/classes"));

    @Test
    void domainShouldStayPlainJava() {
        noClasses().that().resideInAPackage("..router.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "org.apache.kafka..", "..router.topology..",
                        "..router.messaging..", "..router.api..")
                .because("the policy engine is a pure function others (the node, replay) can call").check(classes);
    }

    @Test
    void topologyShouldNotDependOnMicronaut() {
        noClasses().that().resideInAPackage("..router.topology..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "..router.messaging..", "..router.api..")
                .because("topologies are pure builder functions tested with TopologyTestDriver").check(classes);
    }
}
