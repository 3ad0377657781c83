package io.tributary.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The platform's production classes as ArchUnit sees them: web, ejb, persistence and the two libraries. */
final class Platform {
    private static JavaClasses classes;

    private Platform() {}

    /** Imported once per test JVM: web's test classpath holds every module the rules speak about. */
    static synchronized JavaClasses classes() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.tributary");
        }
        return classes;
    }
}
