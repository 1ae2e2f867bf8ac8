package io.aegis.response;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    /** The module's own compiled classes only; scanning the whole class path takes far longer. */
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));

    @Test
    void domainShouldStayPlainJava() {
        noClasses().that().resideInAPackage("..response.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "org.apache.kafka..", "org.yaml..")
                .because("the workflow is a deterministic state machine tested without any framework or broker")
                .check(classes);
    }

    @Test
    void topologyShouldNotDependOnMicronaut() {
        noClasses().that().resideInAPackage("..response.topology..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..")
                .because("topologies are pure builder functions tested with TopologyTestDriver")
                .check(classes);
    }

    @Test
    void domainShouldNotDependOnAdapters() {
        noClasses().that().resideInAPackage("..response.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..response.topology..", "..response.messaging..",
                        "..response.config..")
                .because("adapters call the domain, never the other way round")
                .check(classes);
    }
}
