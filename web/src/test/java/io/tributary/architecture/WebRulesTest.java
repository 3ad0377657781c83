package io.tributary.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

/** Pages and REST resources are built from services' typed views, never from the persistence layer's objects. */
class WebRulesTest {

    @Test
    void webUsesNoRepository() {
        noClasses()
                .that()
                .resideInAPackage("io.tributary.web..")
                .should()
                .dependOnClassesThat(describe(
                        "are repositories (io.tributary.persistence..*Repository)",
                        (JavaClass target) -> target.getPackageName().startsWith("io.tributary.persistence")
                                && target.getSimpleName().endsWith("Repository")))
                .because("a page or resource that queries tables itself bypasses the service's tenant checks,"
                        + " transactions and audit; it asks a service for a view instead")
                .check(Platform.classes());
    }

    @Test
    void webUsesNoEntity() {
        noClasses()
                .that()
                .resideInAPackage("io.tributary.web..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(Entity.class)
                .because("entities are managed, lazily loaded and writable: the web layer gets records (view models)"
                        + " it can neither change nor trigger queries with")
                .check(Platform.classes());
    }
}
