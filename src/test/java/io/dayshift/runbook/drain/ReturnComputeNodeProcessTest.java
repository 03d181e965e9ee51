package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.ReturnComputeNode.Elements.DECIDE_SERVICE_NOT_READY;
import static io.dayshift.runbook.drain.ReturnComputeNode.Elements.ENABLE_COMPUTE_SERVICE;
import static io.dayshift.runbook.drain.ReturnComputeNode.Elements.END_HOST_RETURNED;
import static io.dayshift.runbook.drain.ReturnComputeNode.Elements.END_INPUT_REJECTED;
import static io.dayshift.runbook.drain.ReturnComputeNode.Elements.END_SERVICE_NOT_READY;
import static io.dayshift.runbook.drain.ReturnComputeNode.Elements.VALIDATE_INPUT;
import static io.dayshift.runbook.drain.ReturnComputeNode.Elements.VERIFY_COMPUTE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.dayshift.access.Roles;
import io.dayshift.engine.StepRecord;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code return-compute-node}, one method per path, on the whole service with the lab (site {@code lab} from
 * {@code lab/drain-kolla.yaml}, {@code lab-charmed} from the default charmed topology) and the production OpenStack
 * adapter; the job executor is off. The class covers every flow node and sequence flow of the model.
 */
@RunbookProcessTest(clock = "2025-05-06T07:00:00Z")
class ReturnComputeNodeProcessTest extends ProcessTestFixture {

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/drain-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
        registry.add("dayshift.retries.openstack", () -> "R2/PT1S");
    }

    @BeforeEach
    void users() {
        runbooks.user("olga", Roles.OPS_LEADS);
        runbooks.user("olivia", Roles.OPS_LEADS);
    }

    @Test
    void returnsADrainedKollaHostToService() {
        // given cn01, disabled by a drain (its reason marked as a Dayshift run's)
        model("lab").nova().disableComputeService("cn01", OutOfService.reason("BIOS update, ticket OPS-4711", "7f3e2d10-0000-4000-8000-000000000001"));
        long enables = destructive("lab", "enable-compute-service");

        // when olga returns it
        ProcessInstance run = start("lab", "cn01", "BIOS updated");
        execute(job());
        execute(job());
        assertThat(run).isWaitingAt(ENABLE_COMPUTE_SERVICE);
        execute(job());
        execute(job());
        execute(job());

        // then its nova-compute is enabled and up, once, and the summary says so
        assertThat(run).isEnded().hasPassed(VERIFY_COMPUTE_SERVICE, END_HOST_RETURNED).hasNotPassed(DECIDE_SERVICE_NOT_READY);
        assertThat(model("lab").nova().hypervisor("cn01").orElseThrow().enabled()).isTrue();
        assertThat(model("lab").nova().hypervisor("cn01").orElseThrow().disabledReason()).isEmpty();
        assertThat(destructive("lab", "enable-compute-service")).isEqualTo(enables + 1);
        assertThat(runbooks.variable(run, "returned")).isEqualTo(true);
        assertThat(runbooks.summary(run)).startsWith("Host cn01 on site lab returned to service: its nova-compute service was enabled (reason: \"BIOS updated\")")
                .contains("enabled, up").contains("Started by olga");
        assertThat(runbooks.steps(run)).extracting(StepRecord::step).containsExactly(VALIDATE_INPUT, ENABLE_COMPUTE_SERVICE, VERIFY_COMPUTE_SERVICE,
                ReturnComputeNode.Elements.SUMMARISE_RETURN);
    }

    @Test
    void returnsAHostOfTheCharmedSite() {
        model("lab-charmed").nova().disableComputeService("cn06", OutOfService.reason("kernel update", "7f3e2d10-0000-4000-8000-000000000002"));

        ProcessInstance run = start("lab-charmed", "cn06", "kernel updated");
        execute(job());
        execute(job());
        execute(job());
        execute(job());
        execute(job());

        assertThat(run).isEnded().hasPassed(END_HOST_RETURNED);
        assertThat(model("lab-charmed").nova().hypervisor("cn06").orElseThrow().enabled()).isTrue();
    }

    @Test
    void aHostDisabledForAnotherReasonKeepsItsStateAndReason() {
        // given cn02, disabled by an operator for hardware work, not by a drain
        model("lab").nova().disableComputeService("cn02", "RAM replacement, ticket HW-12");
        long enables = destructive("lab", "enable-compute-service");

        try {
            // when olga starts a return of it
            ProcessInstance run = start("lab", "cn02", "back to work");
            execute(job());
            execute(job());
            assertThat(run).isWaitingAt(ENABLE_COMPUTE_SERVICE);
            execute(job());
            execute(job());

            // then it stays disabled with the operator's reason, nothing was enabled, and the summary says why
            assertThat(run).isEnded().hasPassed(ReturnComputeNode.Elements.SUMMARISE_KEPT_DISABLED, ReturnComputeNode.Elements.END_HOST_KEPT_DISABLED)
                    .hasNotPassed(VERIFY_COMPUTE_SERVICE, END_HOST_RETURNED);
            assertThat(model("lab").nova().hypervisor("cn02").orElseThrow().enabled()).isFalse();
            assertThat(model("lab").nova().hypervisor("cn02").orElseThrow().disabledReason()).isEqualTo("RAM replacement, ticket HW-12");
            assertThat(destructive("lab", "enable-compute-service")).isEqualTo(enables);
            assertThat(runbooks.variable(run, "returned")).isEqualTo(false);
            assertThat(runbooks.variable(run, "keptDisabled")).isEqualTo(true);
            assertThat(runbooks.summary(run)).startsWith("Host cn02 on site lab kept out of service: its nova-compute service was disabled for another "
                    + "reason than a Dayshift drain").contains("\"RAM replacement, ticket HW-12\"");
        } finally {
            model("lab").nova().enableComputeService("cn02");
        }
    }

    @Test
    void aHostThatIsAlreadyEnabledIsNotEnabledAgain() {
        // given cn03 is enabled
        long enables = destructive("lab", "enable-compute-service");

        // when the run returns it
        ProcessInstance run = start("lab", "cn03", "double-check");
        execute(job());
        execute(job());
        execute(job());
        execute(job());
        execute(job());

        // then nothing was called to change it
        assertThat(run).isEnded().hasPassed(END_HOST_RETURNED);
        assertThat(destructive("lab", "enable-compute-service")).isEqualTo(enables);
        assertThat(runbooks.summary(run)).contains("its nova-compute service was already enabled");
    }

    @Test
    void anUnknownHostAndShellSyntaxAreRejected() {
        Map<String, Long> before = model("lab").destructiveActions();

        ProcessInstance unknown = start("lab", "cn99", "back");
        execute(job());
        execute(job());
        ProcessInstance injected = start("lab", "cn01 && reboot", "back");
        execute(job());
        execute(job());

        assertThat(unknown).isEnded().hasPassed(END_INPUT_REJECTED).hasNotPassed(ENABLE_COMPUTE_SERVICE);
        assertThat(runbooks.summary(unknown)).contains("host cn99 has no nova-compute service on site lab");
        assertThat(injected).isEnded().hasPassed(END_INPUT_REJECTED);
        assertThat(runbooks.summary(injected)).contains("host refused \"cn01 && reboot\": expected a host name");
        assertThat(runbooks.variable(injected, "returned")).isEqualTo(false);
        assertThat(model("lab").destructiveActions()).isEqualTo(before);
    }

    @Test
    void aServiceThatStaysDownGoesToAnOpsLeadWhoChecksAgainOnceItIsUp() {
        // given cn04's nova-compute is down
        model("lab").nova().disableComputeService("cn04", OutOfService.reason("maintenance", "7f3e2d10-0000-4000-8000-000000000004"));
        LabFault down = model("lab").injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn04"));
        ProcessInstance run = start("lab", "cn04", "repaired");
        execute(job());
        execute(job());
        execute(job());
        execute(job());

        // then an ops lead sees it enabled but down
        assertThat(run).isWaitingAt(DECIDE_SERVICE_NOT_READY);
        assertThat(task()).hasCandidateGroup(Roles.OPS_LEADS);
        assertThat((String) tasks.getVariable(task().getId(), "evidence")).contains("nova-compute on cn04: enabled, down");

        // when the service is up again and the ops lead checks again, the host is returned
        model("lab").removeFault(down.id());
        decide("recheck", "restarted nova_compute");
        execute(job());
        execute(job());
        assertThat(run).isEnded().hasPassed(END_HOST_RETURNED);
        assertThat(runbooks.variable(run, "returned")).isEqualTo(true);
    }

    @Test
    void anOpsLeadMayFinishWithTheServiceStillDown() {
        model("lab").nova().disableComputeService("cn05", OutOfService.reason("maintenance", "7f3e2d10-0000-4000-8000-000000000005"));
        LabFault down = model("lab").injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn05"));
        ProcessInstance run = start("lab", "cn05", "repaired");
        execute(job());
        execute(job());
        execute(job());
        execute(job());
        assertThat(run).isWaitingAt(DECIDE_SERVICE_NOT_READY);

        decide("finish", "hardware fault, ticket OPS-4712");
        execute(job());

        assertThat(run).isEnded().hasPassed(END_SERVICE_NOT_READY).hasNotPassed(END_HOST_RETURNED);
        assertThat(runbooks.variable(run, "returned")).isEqualTo(false);
        assertThat(runbooks.summary(run)).startsWith("Host cn05 on site lab NOT returned to service");
        model("lab").removeFault(down.id());
    }

    @Test
    void anUnavailableComputeApiIsRetriedThenRaisesAnIncident() {
        LabFault fault = model("lab").injectFault(new LabFault("", FaultType.API_DOWN, "compute", "", 0));
        ProcessInstance run = start("lab", "cn06", "back");
        execute(job());

        runbooks.exhaustRetries(run);

        Incident incident = runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(VALIDATE_INPUT);
        assertThat(incident.getIncidentMessage()).contains("site lab").contains("503");
        model("lab").removeFault(fault.id());
        runtime.deleteProcessInstance(run.getId(), "test over");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private ProcessInstance start(String site, String host, String reason) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("site", site);
        variables.put("host", host);
        variables.put("reason", reason);
        ProcessInstance run = runbooks.start("olga", ReturnComputeNode.PROCESS_KEY, variables);
        assertThat(run).isStarted().hasPassed(ReturnComputeNode.Elements.START);
        return run;
    }

    private void decide(String decision, String note) {
        Task task = task();
        tasks.claim(task.getId(), "olivia");
        tasks.complete(task.getId(), Map.of("decision", decision, "note", note));
    }

    private LabSite model(String site) {
        return lab.require(site);
    }

    private long destructive(String site, String action) {
        return model(site).destructiveActions().getOrDefault(action, 0L);
    }
}
