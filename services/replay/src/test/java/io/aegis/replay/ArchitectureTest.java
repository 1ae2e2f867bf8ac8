package io.aegis.replay;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.aegis.replay", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule analysisIsPureOverDecodedRecords = noClasses()
            .that().resideInAnyPackage("..replay.domain..", "..replay.timeline..", "..replay.verify..", "..replay.report..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.clients..", "picocli..",
                    "..replay.messaging..", "..replay.cli..")
            .because("timelines, verification and reports are pure functions of what was read, testable without a broker");

    @ArchTest
    static final ArchRule onlyTheCliKnowsPicocli = noClasses()
            .that().resideOutsideOfPackages("..replay.cli..").and().doNotHaveSimpleName("AegisCli")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..")
            .because("the command line is an adapter over the services, not part of them");
}
