package io.aegis.stix;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.aegis.stix", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule plainJavaOnly = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.micronaut..", "org.apache.kafka..")
            .because("the STIX mapping is a plain library that the node, the TAXII server and tests all call directly");
}
