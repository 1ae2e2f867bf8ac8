package io.aegis.node;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.aegis.node");

    @Test
    void domainShouldStayFreeOfFrameworkAndKafka() {
        noClasses().that().resideInAPackage("..node.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "org.apache.kafka..", "io.aegis.node.api..",
                        "io.aegis.node.messaging..")
                .because("domain rules are plain Java, unit-tested without a context or a broker")
                .check(classes);
    }

    @Test
    void topologyShouldNotDependOnMicronaut() {
        noClasses().that().resideInAPackage("..node.topology..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..")
                .because("topologies are pure functions tested with TopologyTestDriver")
                .check(classes);
    }

    @Test
    void messagingShouldNotDependOnTheApi() {
        noClasses().that().resideInAPackage("..node.messaging..")
                .should().dependOnClassesThat().resideInAPackage("io.aegis.node.api..")
                .because("the HTTP layer uses messaging, never the other way round")
                .check(classes);
    }
}
