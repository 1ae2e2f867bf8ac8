package io.aegis.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PolicyLibraryArchitectureTest {

    // Import the module's own compiled classes only: scanning every jar on the classpath is slow.
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPath(java.nio.file.Path.of("target/classes"));

    @Test
    void policyLibraryShouldStayPlainJava() {
        noClasses().that().resideInAPackage("io.aegis.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "org.apache.kafka..", "com.fasterxml..",
                        "io.aegis.kafka..", "io.aegis.router..", "io.aegis.node..", "io.aegis.replay..", "io.aegis.escalation..",
                        "io.aegis.response..")
                .because("node, router and replay share this one policy model; it may depend only on the contracts, Avro"
                        + " and SnakeYAML, so that no service's code can leak into the rules every service enforces")
                .check(classes);
    }

    @Test
    void leakCheckerShouldNotUseThePolicyEnginesOwnRedactor() {
        noClasses().that().resideInAPackage("io.aegis.policy.leak..")
                .should().dependOnClassesThat().haveFullyQualifiedName(Redactor.class.getName())
                .because("the leak checker is a second, independent reading of a policy: if it used the redactor that"
                        + " makes the copies, a redaction bug would vouch for itself")
                .check(classes);
    }
}
