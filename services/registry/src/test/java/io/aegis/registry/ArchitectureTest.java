package io.aegis.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.aegis.registry.domain.SchemaRegistry;
import io.aegis.registry.messaging.KafkaSchemaStore;
import io.aegis.registry.security.Access;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    /** Only this module's main classes (target/classes): scanning the whole classpath is slow. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(mainClasses());

    private static Path mainClasses() {
        try {
            return Path.of(RegistryApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldHaveImportedTheModule() {
        assertTrue(CLASSES.contain(SchemaRegistry.class) && CLASSES.contain(KafkaSchemaStore.class));
    }

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

    @Test
    void everyEndpointShouldDeclareItsAccessLevel() {
        methods().that().areAnnotatedWith(Get.class).or().areAnnotatedWith(Post.class)
                .or().areAnnotatedWith(Put.class).or().areAnnotatedWith(Delete.class)
                .should().beAnnotatedWith(Access.class)
                .because("the security rule treats an endpoint without @Access as admin-only; say what each one does")
                .check(CLASSES);
    }
}
