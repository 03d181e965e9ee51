package io.dayshift.backup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The backup records and ports speak only the JDK and sites; the catalogue alone talks to the database. */
class BackupArchitectureTest {

    private final JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dayshift.backup");

    @Test
    void recordsAndPortsImportOnlyTheJdkAndSites() {
        classes().that().resideInAPackage("io.dayshift.backup").and().doNotHaveSimpleName("BackupCatalogue")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.dayshift.backup", "io.dayshift.site..")
                .check(production);
    }
}
