package io.aegis.escalation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.aegis.escalation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule topologyIsFrameworkFree = noClasses().that().resideInAPackage("..escalation.topology..")
            .should().dependOnClassesThat().resideInAPackage("io.micronaut..")
            .because("the replay CLI builds the topology offline, without a Micronaut context");

    @ArchTest
    static final ArchRule libraryIsFrameworkFree = noClasses().that().resideInAPackage("io.aegis.escalation..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "io.aegis.replay..", "io.aegis.router..",
                    "io.aegis.response..", "io.aegis.node..")
            .because("escalation-core is the library the escalation service and the replay CLI's what-if both run:"
                    + " it may depend on the contracts and kafka-support only, never on a framework or a service");

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("..escalation.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "org.apache.kafka..", "io.aegis.kafka..")
            .because("the rules engine is plain Java with its own unit tests");

    @ArchTest
    static final ArchRule domainDoesNotKnowTheAdapters = noClasses().that().resideInAPackage("..escalation.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..escalation.topology..", "..escalation.messaging..",
                    "..escalation.config..")
            .because("dependencies point inwards, to the domain");
}
