package io.dayshift.runbook.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.dayshift.access.Roles;
import io.dayshift.engine.StepRecord;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code smoke-test-instance}, one method per path, on the lab's Nova: the instance becomes ACTIVE on its host and is
 * deleted; it fails to boot and the ops lead retries with a new instance, or stops, and it is deleted all the same.
 */
@RunbookProcessTest(clock = "2026-11-21T02:00:00Z", timeFactor = "0.01", uncovered = AwaitOperation.PROCESS_KEY)
class SmokeTestInstanceProcessTest extends ProcessTestFixture {

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/small-kolla.yaml");
    }

    @BeforeEach
    void users() {
        runbooks.user("olga", Roles.OPS_LEADS);
    }

    @Test
    void anInstanceThatBecomesActiveOnItsHostPassesAndIsDeleted() {
        // given the smoke test of cn01
        LabSite site = lab.require("lab");
        ProcessInstance smoke = smokeTest("cn01");

        // when the instance boots and the look finds it ACTIVE
        awaitLooks(smoke);

        // then the test passed, on cn01, and the instance is gone again
        assertThat(smoke).isEnded().hasPassed(SmokeTestInstance.DELETE, SmokeTestInstance.PASSED_END).hasNotPassed(SmokeTestInstance.FAILED_END);
        assertThat(runbooks.variable(smoke, "operationOutcome")).isEqualTo(AwaitOperation.SUCCEEDED);
        assertThat(runbooks.variable(smoke, "smokeInstance")).isEqualTo("dayshift-smoke-test-1");
        assertThat(runbooks.steps(smoke)).extracting(StepRecord::action)
                .anyMatch(a -> a.startsWith("POST /servers name=dayshift-smoke-test-1") && a.endsWith("host=cn01"))
                .anyMatch(a -> a.startsWith("look at instance dayshift-smoke-test-1"))
                .anyMatch(a -> a.startsWith("DELETE /servers/"));
        assertThat(runbooks.steps(smoke)).extracting(StepRecord::result).anyMatch(r -> r.startsWith("succeeded: instance") && r.contains("ACTIVE on cn01"));
        assertThat(site.nova().instances()).noneMatch(i -> i.name().startsWith("dayshift-smoke-test"));
    }

    @Test
    void anInstanceThatFailsIsDeletedAndTheOpsLeadMayRetryWithANewOne() {
        // given cn02 is down when its smoke instance boots
        LabSite site = lab.require("lab");
        LabFault down = site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn02"));
        ProcessInstance smoke = smokeTest("cn02");

        // when the instance ends in ERROR, the ops lead is asked with the caller's decisions
        awaitLooks(smoke);
        assertThat(runbooks.task(smoke, AwaitOperation.DECIDE)).isNotNull();
        assertThat(runbooks.steps(smoke)).extracting(StepRecord::result).anyMatch(r -> r.startsWith("failed: instance") && r.contains("ERROR"));

        // then after a retry, with cn02 back, a second instance passes and both are gone
        site.removeFault(down.id());
        runbooks.decide(smoke, AwaitOperation.DECIDE, "olga", "retry", "cn02's power is back");
        awaitLooks(smoke);
        assertThat(smoke).isEnded().hasPassed(SmokeTestInstance.PASSED_END);
        assertThat(runbooks.variable(smoke, "smokeInstance")).isEqualTo("dayshift-smoke-test-2");
        assertThat(runbooks.steps(smoke)).extracting(StepRecord::action).filteredOn(a -> a.startsWith("DELETE /servers/")).hasSize(2);
        assertThat(site.nova().instances()).noneMatch(i -> i.name().startsWith("dayshift-smoke-test"));
    }

    @Test
    void aFailedInstanceTheOpsLeadGivesUpOnIsDeletedAndTheDecisionReturns() {
        // given cn03 is down when its smoke instance boots, and the instance fails
        LabSite site = lab.require("lab");
        site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn03"));
        ProcessInstance smoke = smokeTest("cn03");
        awaitLooks(smoke);

        // when the ops lead stops
        runbooks.decide(smoke, AwaitOperation.DECIDE, "olga", "stop", "cn03 needs a new board");
        runbooks.runJobs();

        // then the test failed with her decision, and the instance is gone all the same
        assertThat(smoke).isEnded().hasPassed(SmokeTestInstance.DELETE, SmokeTestInstance.FAILED_END).hasNotPassed(SmokeTestInstance.PASSED_END);
        assertThat(runbooks.variable(smoke, "operationOutcome")).isEqualTo(AwaitOperation.FAILED);
        assertThat(runbooks.variable(smoke, "decision")).isEqualTo("stop");
        assertThat(site.nova().instances()).noneMatch(i -> i.name().startsWith("dayshift-smoke-test"));
        site.clearFaults();
    }

    private ProcessInstance smokeTest(String host) {
        ProcessInstance smoke = runtime.startProcessInstanceByKey(SmokeTestInstance.PROCESS_KEY, Map.of("site", "lab", "smokeHost", host,
                "smokeName", "dayshift-smoke-test", "nextLook", "PT10S", "checkInterval", "PT10S", "deadline", "PT10M", "decisions", "retry,stop"));
        runbooks.runJobs();
        return smoke;
    }

    /** Lets the lab's Nova work, then fires the wait's timers until the smoke test ends or asks the ops lead. */
    private void awaitLooks(ProcessInstance smoke) {
        for (int round = 0; round < 10; round++) {
            runbooks.runJobs();
            runbooks.advance(Duration.ofMinutes(1));
            Job timer = management.createJobQuery().activityId(AwaitOperation.WAIT).timers().singleResult();
            if (timer == null) {
                return;
            }
            management.executeJob(timer.getId());
            runbooks.runJobs();
        }
    }
}
