package io.dayshift.machine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class MachinePackageArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dayshift.machine");

    @Test
    void recordsAndExceptionsUseOnlyTheJdk() {
        classes().that().resideInAPackage("io.dayshift.machine..")
                .and().doNotHaveSimpleName("MachineProvisioner")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.dayshift.machine..")
                .check(classes);
    }

    @Test
    void thePortNamesOnlyOurTypesAndSites() {
        classes().that().haveSimpleName("MachineProvisioner")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.dayshift.machine..", "io.dayshift.site..")
                .check(classes);
    }
}
