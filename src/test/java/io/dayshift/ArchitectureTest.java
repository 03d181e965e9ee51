package io.dayshift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The house rules of layout: ports and adapters, each library behind its adapter. */
class ArchitectureTest {

    private static final String[] PORTS = {"io.dayshift.machine", "io.dayshift.charm", "io.dayshift.kolla", "io.dayshift.compute", "io.dayshift.notify",
        "io.dayshift.ceph"};

    private final JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dayshift");

    /** The rules below would pass on nothing: make sure the import found the project, ports and adapters. */
    @Test
    void theRulesSeeTheWholeProject() {
        assertThat(production.containPackage("io.dayshift.adapter.openstack")).isTrue();
        assertThat(production.containPackage("io.dayshift.lab")).isTrue();
        for (String port : PORTS) {
            assertThat(production.containPackage(port)).as(port).isTrue();
        }
    }

    @Test
    void onlyAdaptersTalkToOutsideSystems() {
        noClasses().that().resideOutsideOfPackages("io.dayshift.adapter..", "io.dayshift.lab..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.jcraft..", "org.openstack4j..", "java.net.http..", "org.apache.sshd..")
                .check(production);
    }

    @Test
    void portsSpeakOnlyTheirOwnRecordsAndTheJdk() {
        for (String port : PORTS) {
            classes().that().resideInAPackage(port)
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", port, "io.dayshift.site..")
                    .allowEmptyShould(true)
                    .check(production);
        }
    }

    /** The backup records and port likewise; the catalogue, which keeps them in the service's database, is the exception. */
    @Test
    void theBackupPortSpeaksOnlyItsOwnRecordsAndTheJdk() {
        assertThat(production.containPackage("io.dayshift.backup")).isTrue();
        classes().that().resideInAPackage("io.dayshift.backup").and().doNotHaveSimpleName("BackupCatalogue")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.dayshift.backup", "io.dayshift.site..")
                .check(production);
    }

    @Test
    void adaptersAreReachedOnlyThroughTheirPorts() {
        noClasses().that().resideOutsideOfPackages("io.dayshift.adapter..", "io.dayshift.lab..")
                .should().dependOnClassesThat().resideInAPackage("io.dayshift.adapter..")
                .check(production);
    }

    @Test
    void nothingInProductionDependsOnTheLab() {
        noClasses().that().resideOutsideOfPackage("io.dayshift.lab..")
                .should().dependOnClassesThat().resideInAPackage("io.dayshift.lab..")
                .allowEmptyShould(true)
                .check(production);
    }
}
