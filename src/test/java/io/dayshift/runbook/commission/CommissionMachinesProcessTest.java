package io.dayshift.runbook.commission;

import static io.dayshift.runbook.await.AwaitOperation.DECIDE;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.APPLY_TAGS;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.AWAIT_COMMISSIONING;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.COMMISSION_MACHINE;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.INPUT_REJECTED_END;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.MACHINES_COMMISSIONED_END;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.MACHINE_MARKED_BROKEN_END;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.MACHINE_READY_END;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.MACHINE_SKIPPED_END;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.START_EVENT;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.SUMMARISE_RUN;
import static io.dayshift.runbook.commission.CommissionMachines.Elements.VALIDATE_INPUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.dayshift.access.Roles;
import io.dayshift.engine.StepRecord;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabOperation;
import io.dayshift.lab.model.LabSite;
import io.dayshift.machine.CommissionOptions;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStatus;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.site.Site;
import io.dayshift.site.SiteSource;
import io.dayshift.site.Sites;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code commission-machines}, one method per path, on the whole service with the lab's MAAS and the production MAAS
 * adapter. The job executor is off: each test runs the jobs itself at every async boundary, and moves the lab's time
 * (the {@code labClock} bean) or the engine's clock. The class must cover every flow node and sequence flow of the
 * model (process-test coverage, report under {@code target/process-test-coverage/}).
 */
@RunbookProcessTest(clock = "2025-05-06T07:00:00Z", uncovered = AwaitOperation.PROCESS_KEY)
class CommissionMachinesProcessTest extends ProcessTestFixture {

    /** Nothing listens here: the MAAS of the site {@code lab-unreachable}. */
    private static final int CLOSED_PORT = LabTests.freePort();
    private static final String UNREACHABLE = "lab-unreachable";

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/maas-contract.yaml");
        registry.add("dayshift.retries.maas", () -> "R2/PT1S");
        registry.add("dayshift.runbooks.commission-machines.max-parallel", () -> "2");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Lab {

        /** A copy of the lab site whose MAAS URL points at a closed port. */
        @Bean
        SiteSource unreachableMaas(LabSites lab) {
            return () -> lab.siteConfigurations().stream().filter(s -> s.name().equals("lab")).map(s -> new Site(UNREACHABLE, s.flavour(), true,
                    s.openstack(), new Site.Maas(URI.create("http://127.0.0.1:" + CLOSED_PORT + "/MAAS"), s.maas().apiKey()), s.juju(), s.kolla(),
                    s.ssh(), s.capacity(), null)).toList();
        }
    }

    @Autowired
    MachineProvisioner provisioner;
    @Autowired
    Sites sites;

    @BeforeEach
    void users() {
        runbooks.user("olga", Roles.OPS_LEADS);
        runbooks.user("olivia", Roles.OPS_LEADS);
    }

    @Test
    void commissionsTwoMachinesInParallelAndTagsThemWhenReady() {
        // given a Ready and a New machine
        long commissionsBefore = destructive("maas-commission");

        // when olga starts the run and MAAS works through both machines
        ProcessInstance run = start("spare01, new01", "rack-a,openstack-compute", "");
        execute(job());
        assertThat(run).isWaitingAt(VALIDATE_INPUT);
        execute(job());
        assertThat(run).isWaitingAt(COMMISSION_MACHINE);
        runJobs(run, COMMISSION_MACHINE, 2);
        runbooks.runJobs();
        look(run, 2);
        assertThat(run).isWaitingAt(AWAIT_COMMISSIONING); // still commissioning: the await looks again later
        letMaasFinish();
        look(run, 2);

        // then both are Ready in MAAS, commissioned once each, and tagged
        assertThat(run).isEnded().hasPassed(MACHINE_READY_END, MACHINES_COMMISSIONED_END);
        assertThat(runbooks.steps(run)).extracting(StepRecord::step).doesNotContain(DECIDE);
        assertThat(destructive("maas-commission")).isEqualTo(commissionsBefore + 2);
        for (String hostname : List.of("spare01", "new01")) {
            assertThat(machine(hostname).status()).isEqualTo(MachineStatus.READY);
            assertThat(machine(hostname).tags()).contains("rack-a", "openstack-compute");
        }
        assertThat(runbooks.summary(run)).startsWith("Site lab: 2 of 2 machines commissioned and Ready, tagged rack-a, openstack-compute: ")
                .contains("spare01 (", "new01 (").contains("No operator decision was needed").contains("Started by olga");
        assertThat(runbooks.steps(run)).extracting(StepRecord::step).contains(VALIDATE_INPUT, COMMISSION_MACHINE, AwaitOperation.CHECK, APPLY_TAGS, SUMMARISE_RUN);
        assertThat(runbooks.steps(run)).filteredOn(s -> s.step().equals(COMMISSION_MACHINE)).extracting(StepRecord::action)
                .allMatch(action -> action.matches("POST machines/[a-z0-9]+/\\?op=commission"));
    }

    @Test
    void moreMachinesThanMaxParallelCommissionInWavesOneAfterTheOther() {
        // given three Ready machines and at most two commissioning at once
        long commissionsBefore = destructive("maas-commission");

        // when olga starts the run
        ProcessInstance run = start("spare05,spare06,spare07", "", "");
        execute(job());
        execute(job());

        // then only the first wave, spare05 and spare06, is commissioned; spare07 waits, still Ready
        runJobs(run, COMMISSION_MACHINE, 2);
        assertThat(destructive("maas-commission")).isEqualTo(commissionsBefore + 2);
        assertThat(machine("spare07").status()).isEqualTo(MachineStatus.READY);
        assertThat(management.createJobQuery().processInstanceId(run.getId()).activityId(COMMISSION_MACHINE).count()).isZero();

        // when MAAS finishes the first wave
        runbooks.runJobs();
        letMaasFinish();
        look(run, 2);

        // then the second wave, spare07 alone, starts, and the run ends with all three Ready
        assertThat(destructive("maas-commission")).isEqualTo(commissionsBefore + 3);
        letMaasFinish();
        look(run, 1);
        assertThat(run).isEnded().hasPassed(MACHINES_COMMISSIONED_END);
        assertThat(runbooks.steps(run)).extracting(StepRecord::step).doesNotContain(DECIDE);
        assertThat(runbooks.summary(run)).startsWith("Site lab: 3 of 3 machines commissioned and Ready");
    }

    @Test
    void aRetriedCommissionStepDoesNotCommissionTheMachineAgain() {
        // given a run whose commission step reached MAAS once already (its transaction was then lost)
        ProcessInstance run = start("new02", "", "none");
        execute(job());
        execute(job());
        provisioner.commission(sites.require("lab"), "new02", CommissionOptions.withoutTests());
        long commissions = destructive("maas-commission");

        // when the step runs again
        execute(job());

        // then it sees MAAS commissioning and only awaits it
        assertThat(destructive("maas-commission")).isEqualTo(commissions);
        assertThat(run).isWaitingAt(AWAIT_COMMISSIONING);
        assertThat(runbooks.steps(run)).filteredOn(s -> s.step().equals(COMMISSION_MACHINE)).singleElement()
                .satisfies(s -> assertThat(s.result()).isEqualTo("already Commissioning"));
        runbooks.runJobs();
        letMaasFinish();
        look(run, 1);
        assertThat(run).isEnded().hasPassed(MACHINES_COMMISSIONED_END);
    }

    @Test
    void aNameThatIsNotAMachineNameIsRefusedBeforeAnyMaasCall() {
        // given an input with shell syntax
        Map<String, Long> before = model().destructiveActions();

        // when the run checks it
        ProcessInstance run = start("cn01; rm -rf /,new03", "openstack-compute", "");
        execute(job());
        execute(job());

        // then it ends rejected, saying why, and MAAS was not touched
        assertThat(run).isEnded().hasPassed(INPUT_REJECTED_END).hasNotPassed(COMMISSION_MACHINE);
        assertThat(runbooks.summary(run)).startsWith("Input rejected, nothing was commissioned on site 'lab': ")
                .contains("'cn01; rm -rf /' is not a MAAS hostname or system id");
        assertThat(model().destructiveActions()).isEqualTo(before);
        assertThat(runbooks.steps(run)).singleElement().satisfies(s -> {
            assertThat(s.step()).isEqualTo(VALIDATE_INPUT);
            assertThat(s.result()).isEqualTo("rejected");
        });
    }

    @Test
    void unknownMachinesAndMachinesInAWrongStateAreNamedWithTheirStatus() {
        // given an unknown machine, a deployed one and one named twice (by hostname and system id)
        Map<String, Long> before = model().destructiveActions();
        String new05 = model().maas().machineByHostname("new05").orElseThrow().systemId();

        // when the run checks them
        ProcessInstance run = start("nosuch99,cn02,new05," + new05, "", "");
        execute(job());
        execute(job());

        // then each problem is named, and nothing was done
        assertThat(run).isEnded().hasPassed(INPUT_REJECTED_END);
        assertThat(runbooks.summary(run)).contains("knows no machine 'nosuch99'")
                .containsPattern("cn02 \\([a-z0-9]+\\) is Deployed, not New, Ready or Failed commissioning")
                .contains("'new05' and '" + new05 + "' are the same machine");
        assertThat(model().destructiveActions()).isEqualTo(before);
    }

    @Test
    void aMachineThatFailsCommissioningIsRetriedByTheOperatorAndBecomesReady() {
        // given MAAS fails the next commissioning of new04
        model().injectFault(new LabFault("", FaultType.COMMISSIONING_FAILS, "new04", "lshw: no storage devices found on new04", 1));
        ProcessInstance run = startAndCommission("new04");

        // when commissioning ends
        letMaasFinish();
        look(run, 1);

        // then an ops lead sees the failed script and decides
        Task decision = runbooks.task(run, DECIDE);
        assertThat(decision).hasCandidateGroup(Roles.OPS_LEADS);
        String report = (String) tasks.getVariable(decision.getId(), "operationDetail");
        assertThat(report).contains("new04 (").contains("Failed commissioning")
                .contains("50-maas-01-commissioning (commissioning): Failed, exit code 1").contains("lshw: no storage devices found on new04");
        assertThat(tasks.getVariable(decision.getId(), "operationDescription")).asString().startsWith("commissioning of new04 (");
        decide(run, "retry", "transient: lshw flaked, disks are seen in the BMC");

        // and the retry commissions it again, and it becomes Ready
        runbooks.runJobs();
        letMaasFinish();
        look(run, 1);
        assertThat(run).isEnded().hasPassed(MACHINE_READY_END, MACHINES_COMMISSIONED_END);
        assertThat(machine("new04").status()).isEqualTo(MachineStatus.READY);
        assertThat(runbooks.summary(run)).startsWith("Site lab: 1 of 1 machines commissioned and Ready")
                .contains("Operator decisions: new04 (").contains(": retry by olivia (\"transient: lshw flaked, disks are seen in the BMC\")");
    }

    @Test
    void aMachineThatFailsCommissioningIsMarkedBrokenWithTheOperatorsNote() {
        // given commissioning of new08 fails
        model().injectFault(new LabFault("", FaultType.COMMISSIONING_FAILS, "new08", "", 1));
        ProcessInstance run = startAndCommission("new08");
        letMaasFinish();
        look(run, 1);
        assertThat(runbooks.task(run, DECIDE)).isNotNull();

        // when the operator marks it broken
        decide(run, "mark-broken", "no disks seen by lshw; RMA ticket 4711");
        runbooks.runJobs();

        // then MAAS shows it Broken with the note as its error description
        assertThat(machine("new08").status()).isEqualTo(MachineStatus.BROKEN);
        assertThat(model().maas().errorDescription(machine("new08").systemId())).isEqualTo("no disks seen by lshw; RMA ticket 4711");
        assertThat(run).isEnded().hasPassed(MACHINE_MARKED_BROKEN_END, MACHINES_COMMISSIONED_END).hasNotPassed(MACHINE_READY_END);
        assertThat(runbooks.summary(run)).startsWith("Site lab: 0 of 1 machines commissioned and Ready.")
                .contains("Failed and marked broken: new08 (").contains("mark-broken by olivia");
    }

    @Test
    void aMachineMaasRefusesToCommissionAgainGoesBackToTheOperatorWhoSkipsIt() {
        // given new06 fails testing, and MAAS does not commission a machine in Failed testing
        model().injectFault(new LabFault("", FaultType.TESTING_FAILS, "new06", "", 1));
        ProcessInstance run = startAndCommission("new06");
        letMaasFinish();
        look(run, 1);
        assertThat((String) tasks.getVariable(runbooks.task(run, DECIDE).getId(), "operationDetail"))
                .contains("Failed testing").contains("smartctl-validate (testing): Failed, exit code 1");

        // when the operator asks for a retry
        decide(run, "retry", "try once more");
        runbooks.runJobs();

        // then MAAS's refusal comes back to the operator at the first look, who skips the machine
        assertThat(runbooks.steps(run)).filteredOn(s -> s.step().equals(COMMISSION_MACHINE)).last().satisfies(s -> assertThat(s.result()).isEqualTo("refused"));
        look(run, 1);
        assertThat((String) tasks.getVariable(runbooks.task(run, DECIDE).getId(), "operationDetail")).contains("MAAS refused to commission it")
                .contains("in the machine's current state");
        decide(run, "skip", "send to the vendor");
        runbooks.runJobs();
        assertThat(run).isEnded().hasPassed(MACHINE_SKIPPED_END, MACHINES_COMMISSIONED_END);
        assertThat(machine("new06").status()).isEqualTo(MachineStatus.FAILED_TESTING);
        assertThat(machine("new06").tags()).doesNotContain("rack-b");
        assertThat(runbooks.summary(run)).contains("Failed and skipped (left as MAAS shows them): new06 (")
                .contains("retry by olivia").contains("skip by olivia (\"send to the vendor\")");
    }

    @Test
    void pastTheDeadlineTheOperatorDecidesAndARetryDoesNotCommissionAgain() {
        // given new07 is still commissioning when the deadline (45 min) has passed
        ProcessInstance run = startAndCommission("new07");
        long commissions = destructive("maas-commission");
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(46))));

        // when the deadline's timer fires
        Job deadline = management.createJobQuery().activityId(AwaitOperation.DEADLINE_PASSED).timers().singleResult();
        assertThat(deadline.getDuedate()).isBefore(ClockUtil.getCurrentTime());
        management.executeJob(deadline.getId());

        // then an ops lead decides, offered to keep waiting; a retry does not ask MAAS again, it awaits it again
        Task decision = runbooks.task(run, DECIDE);
        assertThat(tasks.getVariable(decision.getId(), "operationOutcome")).isEqualTo(AwaitOperation.TIMED_OUT);
        assertThat((String) tasks.getVariable(decision.getId(), "operationDetail")).contains("Commissioning");
        decide(run, "retry", "MAAS is slow today, give it more time");
        runbooks.runJobs();
        assertThat(destructive("maas-commission")).isEqualTo(commissions);
        letMaasFinish();
        look(run, 1);
        assertThat(run).isEnded().hasPassed(MACHINE_READY_END, MACHINES_COMMISSIONED_END);
    }

    @Test
    void anUnreachableMaasIsRetriedThenRaisesAnIncidentNamingSiteMachineAndOperation() {
        // given a site whose MAAS does not answer
        ProcessInstance run = start(UNREACHABLE, "spare05", "", "");
        execute(job());

        // when the first step has used its retries (R2/PT1S here)
        runbooks.exhaustRetries(run);

        // then an incident says what failed, where and on which machine
        Incident incident = runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(VALIDATE_INPUT);
        assertThat(incident.getIncidentMessage()).contains("site " + UNREACHABLE).contains("spare05").contains("read")
                .contains("cannot connect to MAAS");
        assertThat(run).isNotEnded().isWaitingAt(VALIDATE_INPUT);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private ProcessInstance start(String machines, String tags, String testingScripts) {
        return start("lab", machines, tags, testingScripts);
    }

    private ProcessInstance start(String site, String machines, String tags, String testingScripts) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("site", site);
        variables.put("machines", machines);
        variables.put("tags", tags);
        variables.put("testingScripts", testingScripts);
        ProcessInstance run = runbooks.start("olga", CommissionMachines.PROCESS_KEY, variables);
        assertThat(run).isStarted().hasPassed(START_EVENT);
        return run;
    }

    /** Starts a run for one machine and runs it until MAAS commissions it and the run waits for the first check. */
    private ProcessInstance startAndCommission(String machine) {
        ProcessInstance run = start(machine, "rack-b", "");
        runbooks.runJobs();
        assertThat(run).isWaitingAt(AWAIT_COMMISSIONING);
        look(run, 1);
        assertThat(run).isWaitingAt(AWAIT_COMMISSIONING);
        return run;
    }

    /** Olivia (an ops lead, not the initiator) claims the await's decision task and completes it. */
    private void decide(ProcessInstance run, String decision, String note) {
        runbooks.decide(run, DECIDE, "olivia", decision, note);
    }

    /** The {@code expected} awaits of the run look at their machines once (their timers fire), and the run goes on. */
    private void look(ProcessInstance run, int expected) {
        List<Job> timers = management.createJobQuery().activityId(AwaitOperation.WAIT).timers().list();
        assertThat(timers).as("awaits waiting to look").hasSize(expected);
        timers.forEach(j -> management.executeJob(j.getId()));
        runbooks.runJobs();
    }

    private void runJobs(ProcessInstance run, String activityId, int expected) {
        List<Job> jobs = management.createJobQuery().processInstanceId(run.getId()).activityId(activityId).list();
        assertThat(jobs).as("jobs at " + activityId).hasSize(expected);
        jobs.forEach(j -> execute(j));
    }

    /** Lab time passes until commissioning and testing are over. */
    private void letMaasFinish() {
        runbooks.advance(model().timings().of(LabOperation.COMMISSION).plus(model().timings().of(LabOperation.MACHINE_TESTING)).plusSeconds(1));
    }

    private LabSite model() {
        return lab.require("lab");
    }

    private io.dayshift.lab.model.MaasMachine machine(String hostname) {
        return model().maas().machineByHostname(hostname).orElseThrow();
    }

    private long destructive(String action) {
        return model().destructiveActions().getOrDefault(action, 0L);
    }
}
