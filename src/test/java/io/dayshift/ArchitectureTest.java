package io.dayshift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

/** The house rules of layout: ports and adapters, each library behind its adapter, the engine's API in the engine-facing packages. */
class ArchitectureTest {

    private static final String[] PORTS = {"io.dayshift.machine", "io.dayshift.charm", "io.dayshift.kolla", "io.dayshift.compute", "io.dayshift.notify",
        "io.dayshift.ceph"};

    /** Where Camunda's API may be used: the runbooks and what serves them, and the engine's basics. */
    private static final String[] ENGINE_FACING = {"io.dayshift.runbook..", "io.dayshift.approval..", "io.dayshift.alert..",
        "io.dayshift.access..", "io.dayshift.platform..", "io.dayshift.engine..", "io.dayshift.lease..", "io.dayshift.calendar..",
        "io.dayshift.evidence..", "io.dayshift.metrics..", "io.dayshift.audit.."};

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
        for (String engineFacing : ENGINE_FACING) {
            String name = engineFacing.substring(0, engineFacing.length() - 2);
            assertThat(production.containPackage(name)).as(name).isTrue();
        }
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("io.dayshift.runbook.")).map(c -> c.getPackageName())
                .distinct().count()).as("runbook sub-packages").isGreaterThan(1);
        assertThat(production.stream().filter(ArchitectureTest::isDelegate).count()).as("delegates and listeners").isGreaterThan(10);
        assertThat(production.stream().anyMatch(c -> c.getPackageName().equals("io.dayshift.approval") && isDelegate(c)))
                .as("the four-eyes listener").isTrue();
    }

    @Test
    void theTopLevelPackagesFormNoCycle() {
        slices().matching("io.dayshift.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void theRunbooksFormNoCycle() {
        slices().matching("io.dayshift.runbook.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void onlyTheEngineFacingPackagesUseCamunda() {
        noClasses().that().resideOutsideOfPackages(ENGINE_FACING)
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(production);
    }

    /** A delegate or listener reads its inputs, calls a port and writes its outputs; which adapter answers is wiring. */
    @Test
    void delegatesCallPortsNeverAdaptersOrTheLab() {
        noClasses().that().implement(JavaDelegate.class).or().implement(TaskListener.class).or().implement(ExecutionListener.class)
                .should().dependOnClassesThat().resideInAnyPackage("io.dayshift.adapter..", "io.dayshift.lab..")
                .check(production);
    }

    /** The engine's basics (typed variables, the run log, retry profiles) are what every other engine-facing package builds on. */
    @Test
    void theEnginePackageDependsOnNothingElseOfTheProject() {
        classes().that().resideInAPackage("io.dayshift.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.dayshift.engine..", "java..", "javax.sql..", "org.camunda..", "org.springframework..")
                .check(production);
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

    /** But the entry point, which starts the lab process instead of the service when told ({@code lab …}). */
    @Test
    void nothingInProductionDependsOnTheLab() {
        noClasses().that().resideOutsideOfPackage("io.dayshift.lab..").and().doNotHaveFullyQualifiedName(DayshiftApplication.class.getName())
                .should().dependOnClassesThat().resideInAPackage("io.dayshift.lab..")
                .allowEmptyShould(true)
                .check(production);
    }

    private static boolean isDelegate(JavaClass type) {
        return type.isAssignableTo(JavaDelegate.class) || type.isAssignableTo(TaskListener.class) || type.isAssignableTo(ExecutionListener.class);
    }
}
