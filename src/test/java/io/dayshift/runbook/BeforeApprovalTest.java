package io.dayshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dayshift.access.Roles;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabFile;
import io.dayshift.lab.model.LabSite;
import io.dayshift.runbook.addcompute.AddComputeNode;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.backup.BackupSite;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.runbook.restore.DrRestore;
import io.dayshift.runbook.sev1.Sev1Incident;
import io.dayshift.runbook.upgrade.RollingUpgrade;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rule of every runbook with an approval: before its first approval it only reads and runs read-only checks. Each
 * runbook is started with valid input on a lab site of its own (kolla and charmed), driven until its first approval task
 * is open (an ops lead answering the operator questions on the way), and then the site has counted no change and the
 * deployer's globals.yml and inventory are as they were before the start.
 */
@RunbookProcessTest(clock = "2025-06-02T08:00:00Z", timeFactor = "0.01", coverage = false)
class BeforeApprovalTest extends ProcessTestFixture {

    private static final List<String> FLAVOURS = List.of("kolla", "charmed");

    /** A runbook started on a site, what an ops lead answers before the approval, and which approval comes first. */
    record Case(String runbook, String firstApproval, Function<String, Map<String, Object>> input, Map<String, Map<String, Object>> answers) {
    }

    static List<Case> runbooks() {
        return List.of(
                new Case(AddComputeNode.PROCESS_KEY, AddComputeNode.Elements.APPROVE_ADDITION,
                        site -> Map.of("site", site, "machine", "spare01", "availabilityZone", ""), Map.of()),
                new Case(DrainComputeNode.PROCESS_KEY, DrainComputeNode.Elements.APPROVE_PLAN,
                        site -> Map.of("site", site, "host", "cn06", "reason", "disk replacement, ticket HW-7"), Map.of()),
                new Case(DrRestore.PROCESS_KEY, DrRestore.Elements.APPROVE_RESTORE,
                        site -> Map.of("site", site, "scope", "database"),
                        Map.of(DrRestore.Elements.CONFIRM_INFRASTRUCTURE, Map.of("decision", "ready", "note", "hosts up"))),
                new Case(RollingUpgrade.PROCESS_KEY, RollingUpgrade.Elements.APPROVE_PLAN, site -> Map.of("site", site, "targetRelease", "2024.1",
                        "batchSize", 1L, "windowStart", now().minusMinutes(5).toString(), "windowEnd", now().plusHours(8).toString(), "canaryHost", ""),
                        Map.of()),
                new Case(Sev1Incident.PROCESS_KEY, Sev1Incident.Elements.APPROVE_MITIGATION,
                        site -> Map.of("site", site, "summary", "cn03 unreachable"),
                        Map.of(Sev1Incident.Elements.UPDATE_STATUS_PAGE, Map.of("statusPageNote", "Investigating"),
                                Sev1Incident.Elements.CHOOSE_MITIGATION, Map.of("action", "evacuate-host", "target", "cn03", "note", "cn03 down"))));
    }

    static Stream<Object[]> cases() {
        return runbooks().stream().flatMap(c -> FLAVOURS.stream().map(f -> new Object[] {c.runbook(), f}));
    }

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        runbooks().forEach(c -> FLAVOURS.forEach(f -> registry.add("dayshift.lab.sites." + site(c.runbook(), f), () -> "lab/small-" + f + ".yaml")));
        registry.add("dayshift.retries.openstack", () -> "R1/PT1S");
    }

    @BeforeEach
    void users() {
        runbooks.user("olga", Roles.OPS_LEADS);
        runbooks.user("omar", Roles.OPS_LEADS);
        runbooks.user("anna", Roles.APPROVERS);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void changesNothingBeforeItsFirstApproval(String runbook, String flavour) {
        // given a healthy lab site of the flavour (with what the runbook needs: a backup to restore, a host down for an incident)
        Case c = runbooks().stream().filter(r -> r.runbook().equals(runbook)).findFirst().orElseThrow();
        String name = site(runbook, flavour);
        LabSite site = lab.require(name);
        Map<String, Object> input = new HashMap<>(c.input().apply(name));
        if (runbook.equals(DrRestore.PROCESS_KEY)) {
            input.put("backupId", backup(name));
        }
        if (runbook.equals(Sev1Incident.PROCESS_KEY)) {
            site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn03"));
        }
        Map<String, Long> before = site.destructiveActions();
        Optional<String> globals = content(site, site.kolla().globalsPath());
        Optional<String> inventory = content(site, site.kolla().inventoryPath());

        // when an ops lead starts it with valid input and it runs until an approval is asked for
        ProcessInstance run = runbooks.start("olga", runbook, input);
        Task approval = runUntilApproval(run, c.answers());

        // then it is the runbook's first approval, and nothing on the site changed
        assertThat(approval.getTaskDefinitionKey()).isEqualTo(c.firstApproval());
        assertThat(site.destructiveActions()).as("changes the lab counted before " + c.firstApproval()).isEqualTo(before);
        assertThat(content(site, site.kolla().globalsPath())).as("globals.yml").isEqualTo(globals);
        assertThat(content(site, site.kolla().inventoryPath())).as("the inventory").isEqualTo(inventory);
    }

    /** Runs the jobs and the waits, an ops lead answering the questions of {@code answers}, until a task for approvers opens. */
    private Task runUntilApproval(ProcessInstance run, Map<String, Map<String, Object>> answers) {
        for (int round = 0; round < 200; round++) {
            runbooks.runJobs();
            List<Task> approvals = tasks.createTaskQuery().taskCandidateGroup(Roles.APPROVERS).list();
            if (!approvals.isEmpty()) {
                assertThat(approvals).as("approvals open").hasSize(1);
                return approvals.get(0);
            }
            List<Task> questions = tasks.createTaskQuery().taskCandidateGroup(Roles.OPS_LEADS).list();
            if (!questions.isEmpty()) {
                Task question = questions.get(0);
                assertThat(answers).as("an ops lead is asked " + question.getTaskDefinitionKey() + " before the approval").containsKey(question.getTaskDefinitionKey());
                runbooks.login("omar");
                try {
                    tasks.claim(question.getId(), "omar");
                    tasks.complete(question.getId(), answers.get(question.getTaskDefinitionKey()));
                } finally {
                    runbooks.logout();
                }
                continue;
            }
            if (runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count() == 0) {
                fail("the run ended before an approval: " + runbooks.summary(run));
            }
            management.createJobQuery().activityId(AwaitOperation.WAIT).timers().list().forEach(j -> management.executeJob(j.getId()));
            runbooks.advance(Duration.ofMinutes(2));
        }
        return fail("no approval opened; the run is at " + runtime.getActiveActivityIds(run.getId()));
    }

    /** A complete backup of the site's databases, taken with backup-site, to restore. */
    private String backup(String site) {
        ProcessInstance backup = runtime.startProcessInstanceByKey(BackupSite.PROCESS_KEY, Map.of("site", site, "scope", "databases"));
        for (int i = 0; i < 60 && runtime.createProcessInstanceQuery().processInstanceId(backup.getId()).count() > 0; i++) {
            runbooks.runJobs();
            management.createJobQuery().activityId(AwaitOperation.WAIT).timers().list().forEach(j -> management.executeJob(j.getId()));
            runbooks.advance(Duration.ofMinutes(2));
        }
        assertThat(runbooks.variable(backup, "backupComplete")).as("backup of " + site).isEqualTo(true);
        return (String) runbooks.variable(backup, "backupId");
    }

    private static Optional<String> content(LabSite site, String path) {
        return path.isEmpty() ? Optional.empty() : site.kolla().file(path).map(LabFile::content);
    }

    private static String site(String runbook, String flavour) {
        return runbook.substring(0, runbook.indexOf('-')) + "-" + flavour;
    }

    private static OffsetDateTime now() {
        return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
    }
}
