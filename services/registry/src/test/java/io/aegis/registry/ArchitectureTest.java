package io.aegis.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.aegis.registry");

    @Test
    void domainShouldStayPlainJava() {
        noClasses().that().resideInAPackage("..registry.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "org.apache.kafka..", "..registry.api..",
                        "..registry.messaging..", "..registry.config..")
                .because("the registry's rules must be testable and reusable without HTTP, Kafka or the framework")
                .check(CLASSES);
    }

    @Test
    void messagingShouldNotKnowAboutHttp() {
        noClasses().that().resideInAPackage("..registry.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http..", "..registry.api..")
                .because("the store is independent of the REST layer that uses it")
                .check(CLASSES);
    }
}
