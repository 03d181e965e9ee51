package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1Incident.Elements.ACKNOWLEDGE_OVERRUN;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.APPROVE_MITIGATION;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.AWAIT_EVACUATIONS;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.CHOOSE_MITIGATION;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.COLLECT_CONTAINER_EVIDENCE;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.COLLECT_UNIT_EVIDENCE;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.END_ALERT_RESOLVED_RECORDED;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.END_INCIDENT_CLOSED;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.END_INPUT_REJECTED;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.END_OVERRUN_ACKNOWLEDGED;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.END_OVERRUN_KNOWN;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.FENCE_HOST;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.RECORD_OVERRIDE;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.REQUEST_ROLLBACK;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.RESTART_CONTAINER;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.RESTART_UNIT_SERVICE;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.SCOPE_INCIDENT;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.SMOKE_TEST;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.START_EVACUATIONS;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.UPDATE_STATUS_PAGE;
import static io.dayshift.runbook.sev1.Sev1Incident.Elements.WRITE_POST_MORTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static io.dayshift.testing.EngineRest.json;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.dayshift.runbook.OperatorChoices;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.calendar.CalendarOverride;
import io.dayshift.calendar.LookAtCalendarDelegate;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.Instance;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.healthcheck.SiteHealthCheck;
import io.dayshift.runbook.smoke.SmokeTestInstance;
import io.dayshift.testing.ChatWebhook;
import io.dayshift.testing.Http;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code sev1-incident}, one method per path, on the whole service with the lab behind the production adapters (Nova,
 * Placement, Neutron, Cinder and Keystone over HTTP; kolla-ansible's Ansible, Juju and Ceph over SSH), the Alertmanager
 * intake over HTTP and a chat webhook served by this test. The job executor is off: each test runs the jobs itself and
 * moves the lab's clock and the engine's. The class covers every flow node and sequence flow of the model.
 */
@RunbookProcessTest(clock = "2026-11-21T10:00:00Z", uncovered = {SiteHealthCheck.PROCESS_KEY, Sev1Incident.ROLLING_UPGRADE,
        AwaitOperation.PROCESS_KEY, SmokeTestInstance.PROCESS_KEY})
class Sev1IncidentProcessTest extends ProcessTestFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "alertmanager-test-token-7f3a";
    private static final ChatWebhook CHAT = ChatWebhook.start();
    private static final Set<String> SLA_TIMERS = Set.of(Sev1Incident.Elements.DETECTION_OVERRUN, Sev1Incident.Elements.COMMUNICATION_OVERRUN,
            Sev1Incident.Elements.DIAGNOSIS_OVERRUN, Sev1Incident.Elements.MITIGATION_OVERRUN, Sev1Incident.Elements.RESOLUTION_OVERRUN);

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/small-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
        registry.add("dayshift.lab.sites.lab-frozen", () -> "lab/small-kolla.yaml");
        registry.add("dayshift.lab.notify.chat-webhook", () -> "file:" + CHAT.urlFile());
        registry.add("dayshift.retries.openstack", () -> "R1/PT1S");
        registry.add("dayshift.runbooks.sev1-incident.check-interval", () -> "PT10S");
        registry.add("dayshift.public-url", () -> "https://dayshift.example.org");
        registry.add("dayshift.alerts.token", () -> TOKEN);
        registry.add("dayshift.alerts.rules[0].alertnames", () -> "HypervisorDown,CephHealthError,APIResponseTimeSlow");
        registry.add("dayshift.alerts.rules[0].severity", () -> "critical");
        registry.add("dayshift.alerts.rules[0].process", () -> Sev1Incident.PROCESS_KEY);
    }

    @BeforeEach
    void users() {
        runbooks.user("olga", Roles.OPS_LEADS);
        runbooks.user("olivia", Roles.OPS_LEADS);
        runbooks.user("alice", Roles.APPROVERS);
        runbooks.user("ivan", Roles.OPS_LEADS, Roles.APPROVERS);
        ClockUtil.setCurrentTime(Date.from(runbooks.clock().instant()));
        CHAT.reset();
    }

    @AfterAll
    static void stopChat() {
        CHAT.stop();
    }

    // ---- from an alert to the end -----------------------------------------------------------------------------------

    @Test
    void anAlertForADownHypervisorOpensOneIncidentThatEvacuatesItAndClosesAfterVerification() throws Exception {
        // given cn03 of the Kolla lab is down (service down, agents dead, nova_compute restarting) with three instances
        LabSite site = lab.require("lab");
        site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn03"));
        List<String> onCn03 = site.nova().instancesOn("cn03").stream().map(Instance::id).toList();
        assertThat(onCn03).hasSize(3);
        try {
            // when Alertmanager posts HypervisorDown twice (a repeated delivery)
            String body = alertBody("firing", "a1b2c3d4e5f60718");
            HttpResponse<String> first = Http.bearer(port, TOKEN).postJson("/api/alerts/alertmanager", body);
            HttpResponse<String> again = Http.bearer(port, TOKEN).postJson("/api/alerts/alertmanager", body);

            // then one incident is opened and the second delivery joins it
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            JsonNode started = JSON.readTree(first.body()).path("outcomes").get(0);
            JsonNode joined = JSON.readTree(again.body()).path("outcomes").get(0);
            assertThat(started.path("result").asText()).isEqualTo("STARTED");
            assertThat(joined.path("result").asText()).isEqualTo("JOINED");
            assertThat(joined.path("processInstanceId").asText()).isEqualTo(started.path("processInstanceId").asText());
            assertThat(runtime.createProcessInstanceQuery().variableValueEquals("alertKey", "alert:a1b2c3d4e5f60718:2026-11-21T09:59:30Z").count()).isEqualTo(1);
            ProcessInstance run = runtime.createProcessInstanceQuery().processInstanceId(started.path("processInstanceId").asText()).singleResult();
            assertThat(run.getBusinessKey()).as("the run is named by its site and the alert's headline").isEqualTo("sev1 lab: Hypervisor cn03 is down");

            // and detection scopes it, the chat webhook gets the Sev-1 with the link to the incident
            drive(run);
            assertThat(run).isWaitingAt(UPDATE_STATUS_PAGE);
            assertThat((String) runbooks.variable(run, "scope")).contains("Hypervisors down: cn03").contains("nova-compute on cn03");
            assertThat(CHAT.messages()).anySatisfy(m -> assertThat(m).contains("[SEV1] Sev-1 on lab: Hypervisor cn03 is down")
                    .contains("https://dayshift.example.org/camunda/app/cockpit/default/#/process-instance/" + run.getId()));
            complete("olivia", Map.of("statusPageNote", "Investigating: instances on one hypervisor unreachable"));

            // when Alertmanager reports the alert resolved meanwhile
            HttpResponse<String> resolved = Http.bearer(port, TOKEN).postJson("/api/alerts/alertmanager", alertBody("resolved", "a1b2c3d4e5f60718"));
            assertThat(JSON.readTree(resolved.body()).path("outcomes").get(0).path("result").asText()).isEqualTo("RESOLVED");

            // then it is recorded, and the diagnosis offers the evacuation of cn03 with the evidence
            drive(run);
            assertThat(run).hasPassed(END_ALERT_RESOLVED_RECORDED, COLLECT_CONTAINER_EVIDENCE).isWaitingAt(CHOOSE_MITIGATION);
            assertThat(incident(run).alertResolvedAt()).isNotNull();
            assertThat((String) runbooks.variable(run, "evidence")).contains("cn03: nova-compute down").contains("cn03/nova_compute: Restarting")
                    .contains("== Ceph (ceph -s)").contains("HEALTH_");
            assertThat((String) runbooks.variable(run, "mitigationChoices")).contains("evacuate-host cn03").contains("restart-container cn03/nova_compute")
                    .doesNotContain("rollback-upgrade");
            // and the form lists the targets they name, each once, with the actions that take it
            assertThat(OperatorChoices.values(runbooks.variable(run, "mitigationTargets"))).containsExactly("cn03", "cn03/nova_compute");

            // when olivia chooses the evacuation and alice approves it
            choose("evacuate-host", "cn03", "hypervisor dead, IPMI shows it powered off");
            assertThat(run).isWaitingAt(APPROVE_MITIGATION);
            assertThat((String) runbooks.variable(run, "mitigationPlan")).contains("Evacuate cn03 on site lab").contains("force it down (fence)");
            approve("alice", true, "fenced by IPMI, go");

            // then cn03 is fenced, its instances are rebuilt elsewhere (checked while Nova still rebuilds them)
            runJob(run, FENCE_HOST);
            assertThat(site.nova().hypervisor("cn03").orElseThrow().forcedDown()).isTrue();
            runJob(run, START_EVACUATIONS);
            runJob(run, AWAIT_EVACUATIONS);
            ProcessInstance evacuationsAwaited = await(run);
            runJobIn(run, AwaitOperation.START_EVENT);
            runJobIn(run, AwaitOperation.WAIT);
            runJobIn(run, AwaitOperation.CHECK);
            assertThat(evacuationsAwaited).isWaitingAt(AwaitOperation.WAIT);
            assertThat(runbooks.steps(run)).anySatisfy(s -> assertThat(s.result()).startsWith("running: 0 evacuated, 3 still rebuilding"));
            drive(run, Set.of(SmokeTestInstance.AWAIT));

            // and the site is verified, the smoke instance checked while it still builds
            runJobIn(run, SmokeTestInstance.AWAIT);
            ProcessInstance smokeAwaited = await(run);
            runJobIn(run, AwaitOperation.START_EVENT);
            runJobIn(run, AwaitOperation.WAIT);
            runJobIn(run, AwaitOperation.CHECK);
            assertThat(smokeAwaited).isWaitingAt(AwaitOperation.WAIT);
            drive(run);
            assertThat(run).isWaitingAt(WRITE_POST_MORTEM);
            Evacuations evacuations = (Evacuations) runbooks.variable(run, "evacuations");
            assertThat(evacuations.instances()).extracting(Evacuations.Evacuation::serverId).containsExactlyInAnyOrderElementsOf(onCn03);
            assertThat(evacuations.instances()).allSatisfy(e -> assertThat(e.status()).isEqualTo(Evacuations.EVACUATED));
            assertThat(site.nova().instancesOn("cn03")).isEmpty();
            Instance web03 = site.nova().instances().stream().filter(i -> onCn03.contains(i.id()) && i.name().startsWith("web")).findFirst().orElseThrow();
            assertThat(web03.host()).as("anti-affinity with the web frontends on cn02 and cn05").isNotIn("cn02", "cn05");
            assertThat(site.destructiveActions()).containsEntry("evacuation", 3L);
            assertThat((String) runbooks.variable(run, "verdict")).startsWith("Resolved").contains("beyond the fenced host cn03");
            assertThat(runbooks.steps(run)).anySatisfy(s -> assertThat(s.action()).startsWith("POST /servers name=dayshift-sev1-smoke-"));
            assertThat(site.nova().instances().stream().filter(i -> i.name().startsWith("dayshift-sev1-smoke"))).isEmpty();

            // when the post-mortem is written
            complete("olga", Map.of("rootCause", "PSU failure on cn03", "followUps", "OPS-1: replace PSU; return-compute-node cn03"));
            drive(run);

            // then the incident closes with its summary and every phase's times
            assertThat(run).isEnded().hasPassed(END_INCIDENT_CLOSED);
            IncidentRecord record = incident(run);
            assertThat(record.source()).isEqualTo("alert HypervisorDown (a1b2c3d4e5f60718)");
            assertThat(record.phases()).extracting(IncidentRecord.PhaseRecord::phase).containsExactly(Phases.ALL.toArray(String[]::new));
            assertThat(record.phases()).allSatisfy(p -> assertThat(p.endedAt()).isNotNull());
            assertThat(record.mitigations()).singleElement().satisfies(m -> {
                assertThat(m.chosenBy()).isEqualTo("olivia");
                assertThat(m.approvedBy()).isEqualTo("alice");
                assertThat(m.outcome()).contains("3 instance(s) evacuated, 0 not");
            });
            assertThat((Boolean) runbooks.variable(run, "rtoMet")).isTrue();
            assertThat(runbooks.summary(run)).contains("RTO of 60 min met").contains("evacuate-host cn03 chosen by olivia, approved by alice")
                    .contains("Root cause: PSU failure on cn03").contains("Alertmanager reported the alert resolved");
            assertThat(CHAT.messages()).anySatisfy(m -> assertThat(m).contains("[INFO] Sev-1 on lab closed"));
        } finally {
            // cn03 is repaired: nova-compute restarts (cleans the evacuated instances up) and is forced up again
            site.clearFaults();
            site.nova().restartComputeService("cn03");
            site.nova().setForcedDown("cn03", false);
        }
    }

    @Test
    void anAlertForAnotherSiteOrSeverityOpensNoIncident() throws Exception {
        // when Alertmanager posts an alert of no rule's severity
        HttpResponse<String> posted = Http.bearer(port, TOKEN).postJson("/api/alerts/alertmanager",
                notification("firing", alert("firing", "0ddba11", "HypervisorDown", "warning")));

        // then nothing starts
        JsonNode outcome = JSON.readTree(posted.body()).path("outcomes").get(0);
        assertThat(outcome.path("result").asText()).isEqualTo("IGNORED");
        assertThat(outcome.path("processInstanceId").isMissingNode() || outcome.path("processInstanceId").isNull()).isTrue();
        assertThat(runtime.createProcessInstanceQuery().variableValueEquals("alertKey", "alert:0ddba11:2026-11-21T09:59:30Z").count()).isZero();
    }

    // ---- other mitigations ------------------------------------------------------------------------------------------

    @Test
    void aRejectedPlanGoesBackToTheOpsLeadAndAnExitedContainerIsRestarted() {
        // given nova_api exited on cc02
        LabSite site = lab.require("lab");
        site.injectFault(new LabFault("", FaultType.CONTAINER_EXITED, "cc02/nova_api", "oslo_db.exception.DBConnectionError", 0));
        ProcessInstance run = startManually("lab", "Compute API errors for every tenant");
        toMitigation(run);
        assertThat((String) runbooks.variable(run, "evidence")).contains("cc02/nova_api: Exited (1)").contains("DBConnectionError");

        // when the approver rejects the first choice, the ops lead chooses again and the approver agrees
        choose("restart-container", "cc02/nova_api", "nova_api died on a DB blip");
        approve("alice", false, "wait for the DB team first");
        assertThat(run).isWaitingAt(CHOOSE_MITIGATION);
        choose("restart-container", "cc02/nova_api", "DB team says the database is fine");
        approve("alice", true, "go");
        drive(run);

        // then the container was restarted over Ansible and the incident is resolved
        assertThat(run).hasPassed(RESTART_CONTAINER).isWaitingAt(WRITE_POST_MORTEM);
        assertThat(site.destructiveActions()).containsEntry("restart-container", 1L);
        assertThat(runbooks.steps(run)).anySatisfy(s -> assertThat(s.action()).contains("docker restart nova_api"));
        closeWithPostMortem(run);
        assertThat(incident(run).mitigations()).singleElement().satisfies(m -> assertThat(m.outcome()).isEqualTo("nova_api on cc02 restarted"));
    }

    @Test
    void aUnitInErrorHasItsServicesRestartedByItsCharmAndTheIncidentLoopsBackToDiagnosisWhileTheSiteIsStillRed() {
        // given nova-cloud-controller/0 of the charmed lab is in error, cn06 is down (its units' agents are lost), and the
        // diagnosis starts only at 10:25, past its 20 minutes
        LabSite site = lab.require("lab-charmed");
        site.injectFault(LabFault.of(FaultType.UNIT_ERROR, "nova-cloud-controller/0"));
        site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn06"));
        ProcessInstance run = startManually("lab-charmed", "Instances do not start: Nova API errors");
        drive(run);
        complete("olivia", Map.of("statusPageNote", "Instances failing to start"));
        at(25);
        drive(run);

        // then the overrun is escalated at once and the evidence shows the units; a restart is offered only for the unit
        // that can run it, with the way its charm provides, never for a unit whose agent is lost
        assertThat(run).hasPassed(COLLECT_UNIT_EVIDENCE, Sev1Incident.Elements.ESCALATE_OVERRUN).isWaitingAt(CHOOSE_MITIGATION).isWaitingAt(ACKNOWLEDGE_OVERRUN);
        assertThat((String) runbooks.variable(run, "evidence")).contains("nova-cloud-controller/0 on machine").contains("workload error")
                .contains("restart offered: the charm's pause then resume actions").contains("agent lost")
                .contains("no restart offered: its agent or machine cannot run commands");
        MitigationOptions options = JSON.convertValue(runbooks.variable(run, "mitigationOptions"), MitigationOptions.class);
        assertThat(options.options()).filteredOn(o -> o.action().equals("restart-unit-service")).extracting(MitigationOptions.Option::target)
                .containsExactly("nova-cloud-controller/0");

        // when the ops lead restarts the unit's services, approved
        choose("restart-unit-service", "nova-cloud-controller/0", "API wedged, restart it");
        approve("alice", true, "go");
        drive(run);

        // then its charm's pause and resume actions ran (never a systemctl restart of a service named like the application),
        // but the unit is still in error: not resolved, diagnosed again (its overrun is not escalated twice)
        assertThat(run).hasPassed(RESTART_UNIT_SERVICE, Sev1Incident.Elements.JUDGE_RESOLUTION, END_OVERRUN_KNOWN);
        assertThat(site.destructiveActions()).containsEntry("juju-action-pause", 1L).containsEntry("juju-action-resume", 1L)
                .doesNotContainKey("restart-unit-service");
        assertThat(runbooks.steps(run)).anySatisfy(s -> assertThat(s.action())
                .isEqualTo("juju run nova-cloud-controller/0 pause; juju run nova-cloud-controller/0 resume"));
        assertThat(incident(run).mitigations()).singleElement().satisfies(m -> assertThat(m.outcome())
                .isEqualTo("services of nova-cloud-controller/0 restarted with the charm's pause then resume actions"));
        assertThat(run).isWaitingAt(CHOOSE_MITIGATION);
        assertThat(incident(run).phases()).extracting(IncidentRecord.PhaseRecord::phase).containsSubsequence("resolution", "diagnosis", "mitigation");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run.getId()).variableName("verdict").singleResult().getValue())
                .asString().startsWith("NOT resolved").contains("charm-units nova-cloud-controller/0");

        // when the unit is fixed by hand, cn06 is back and the ops lead verifies again
        site.clearFaults();
        choose("no-action", "", "ran juju resolved nova-cloud-controller/0 by hand");
        drive(run);

        // then the incident is resolved
        assertThat(run).isWaitingAt(WRITE_POST_MORTEM);
        closeWithPostMortem(run);
    }

    @Test
    void aRunningUpgradeOfTheSiteIsAskedToRollBack() {
        // given a rolling upgrade of lab runs and waits for a rollback request
        deployUpgradeStandIn();
        ProcessInstance upgrade = runtime.startProcessInstanceByKey(Sev1Incident.ROLLING_UPGRADE, Map.of("site", "lab"));
        ProcessInstance run = startManually("lab", "API latency since the upgrade started");
        toMitigation(run);
        assertThat((String) runbooks.variable(run, "mitigationChoices")).contains("rollback-upgrade " + upgrade.getId());

        // when the ops lead asks for the rollback and the approver agrees
        choose("rollback-upgrade", upgrade.getId(), "latency began with the upgrade");
        approve("alice", true, "roll back");
        drive(run);

        // then the upgrade got RollbackRequested with who and why
        assertThat(run).hasPassed(REQUEST_ROLLBACK);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(upgrade.getId()).variableName("requestedBy").singleResult().getValue())
                .isEqualTo("olivia");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(upgrade.getId()).variableName("rollbackReason").singleResult().getValue())
                .asString().contains("latency began with the upgrade");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(upgrade.getId()).count()).isZero();
        closeWithPostMortem(run);
    }

    @Test
    void aHostThatIsUpAgainIsNotFencedAndTheOpsLeadChoosesAgain() {
        // given cn05 is down when diagnosed
        LabSite site = lab.require("lab");
        site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn05"));
        ProcessInstance run = startManually("lab", "cn05 unreachable");
        toMitigation(run);
        choose("evacuate-host", "cn05", "cn05 down");
        approve("alice", true, "ok");

        // when it comes back before it is fenced
        site.clearFaults();
        runJob(run, FENCE_HOST);

        // then nothing is forced down or evacuated and the choice is offered again
        assertThat(run).isWaitingAt(CHOOSE_MITIGATION);
        assertThat(site.nova().hypervisor("cn05").orElseThrow().forcedDown()).isFalse();
        assertThat(site.destructiveActions().getOrDefault("evacuation", 0L)).isZero();
        assertThat(runbooks.steps(run)).anySatisfy(s -> assertThat(s.result()).isEqualTo("UP: not fenced, not evacuated"));
        choose("no-action", "", "it rebooted by itself");
        drive(run);
        closeWithPostMortem(run);
    }

    // ---- time and people ----------------------------------------------------------------------------------------------

    @Test
    void phasesPastTheirDeadlinesAreEscalatedAndAcknowledgedAndTheRtoIsReportedMissed() {
        // given an incident opened at 10:00 whose detection is still running at 10:06
        ProcessInstance run = startManually("lab", "Dashboard down");
        runJob(run, Sev1Incident.Elements.START);
        runJob(run, Sev1Incident.Elements.VALIDATE_INPUT);
        at(6);
        escalate(run, Sev1Incident.Elements.DETECTION_OVERRUN, "detection (5 min budget, 6 min since opening)");
        drive(run);
        assertThat(run).isWaitingAt(UPDATE_STATUS_PAGE);

        // when communication is still open at 10:11
        at(11);
        escalate(run, Sev1Incident.Elements.COMMUNICATION_OVERRUN, "communication (10 min budget");
        complete("olivia", Map.of("statusPageNote", "Dashboard unavailable"));
        drive(run);

        // and mitigation at 10:41, resolution at 10:61
        at(41);
        escalate(run, Sev1Incident.Elements.MITIGATION_OVERRUN, "mitigation (40 min budget");
        choose("no-action", "", "the dashboard container came back");
        drive(run, Set.of(SMOKE_TEST));
        at(61);
        escalate(run, Sev1Incident.Elements.RESOLUTION_OVERRUN, "resolution (60 min budget");
        drive(run);

        // then each overrun was notified and acknowledged, and the summary says the RTO was missed
        assertThat(CHAT.messages().stream().filter(m -> m.contains("overran")).count()).isEqualTo(4);
        closeWithPostMortem(run);
        assertThat(incident(run).phases()).filteredOn(p -> p.escalatedAt() != null).extracting(IncidentRecord.PhaseRecord::phase)
                .containsExactly("detection", "communication", "mitigation", "resolution");
        assertThat((Boolean) runbooks.variable(run, "rtoMet")).isFalse();
        assertThat(runbooks.summary(run)).contains("RTO of 60 min MISSED").contains("(OVERRAN, escalated)");
    }

    @Test
    void inAChangeFreezeTheMitigationAsksForTheEmergencyOverrideAndItsApprovalIsRecordedAsOne() throws Exception {
        // given a change freeze on lab-frozen, and nova_api exited on cc02
        Http admin = Http.as(port, "admin", "test-admin-password");
        HttpResponse<String> freeze = admin.postJson("/api/sites/lab-frozen/calendar/freezes", """
                {"from": "%s", "to": "%s", "reason": "year-end freeze"}""".formatted(runbooks.clock().instant().minus(Duration.ofHours(1)),
                runbooks.clock().instant().plus(Duration.ofDays(2))));
        assertThat(freeze.statusCode()).isEqualTo(201);
        try {
            LabSite site = lab.require("lab-frozen");
            site.injectFault(new LabFault("", FaultType.CONTAINER_EXITED, "cc02/nova_api", "oslo_db.exception.DBConnectionError", 0));
            ProcessInstance run = startManually("lab-frozen", "Compute API errors for every tenant");
            toMitigation(run);

            // when the ops lead chooses a restart, then the incident is not blocked: its approval says the site is frozen
            choose("restart-container", "cc02/nova_api", "nova_api died on a DB blip");
            assertThat(run).isWaitingAt(APPROVE_MITIGATION);
            assertThat((String) runbooks.variable(run, LookAtCalendarDelegate.CLOSED.name()))
                    .startsWith("site lab-frozen is closed for changes: change freeze (year-end freeze)");
            assertThat(site.destructiveActions()).doesNotContainKey("restart-container");

            // when an approver approves: the approval is the override, recorded with the run and in the site's calendar
            approve("alice", true, "every tenant is down: restart it, freeze or not");
            drive(run);
            assertThat(run).hasPassed(RECORD_OVERRIDE, RESTART_CONTAINER).isWaitingAt(WRITE_POST_MORTEM);
            assertThat(site.destructiveActions()).containsEntry("restart-container", 1L);
            CalendarOverride override = (CalendarOverride) runbooks.variable(run, CalendarOverride.VARIABLE.name());
            assertThat(override.grantedBy()).isEqualTo("alice");
            assertThat(override.reason()).isEqualTo("every tenant is down: restart it, freeze or not");
            assertThat(override.usedBy()).isEqualTo("olivia");
            assertThat(runbooks.steps(run)).anySatisfy(s -> assertThat(s.action()).isEqualTo("start outside the calendar of site lab-frozen"));
            JsonNode changes = json(admin.get("/api/sites/lab-frozen/calendar/changes"));
            assertThat(changes.path("overrides")).anySatisfy(o -> {
                assertThat(o.path("grantedBy").asText()).isEqualTo("alice");
                assertThat(o.path("usedRun").asText()).isEqualTo(run.getId());
            });
            closeWithPostMortem(run);
        } finally {
            admin.delete("/api/sites/lab-frozen/calendar/freezes/" + JSON.readTree(freeze.body()).path("id").asText() + "?reason=test+over");
        }
    }

    @Test
    void theInitiatorCannotApproveTheirOwnIncidentsMitigation() {
        // given ivan (ops lead and approver) opened the incident and an evacuation was chosen
        ProcessInstance second = start("ivan", "lab", "Everything slow again");
        lab.require("lab").injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn06"));
        try {
            toMitigation(second);
            choose("evacuate-host", "cn06", "cn06 down");

            // when he tries to claim the approval himself, then the four-eyes rule refuses it
            Task approval = task(second);
            assertThatThrownBy(() -> tasks.claim(approval.getId(), "ivan")).isInstanceOf(AuthorizationException.class).hasMessageContaining("Four-eyes rule");
            assertThat(second).isWaitingAt(APPROVE_MITIGATION);
        } finally {
            runtime.deleteProcessInstance(second.getId(), "test over");
        }
    }

    @Test
    void aChoiceTheFindingsDoNotAllowIsRefused() {
        ProcessInstance run = startManually("lab", "Something odd");
        toMitigation(run);
        Task choice = task(run);
        tasks.claim(choice.getId(), "olivia");

        // when the ops lead asks to evacuate a host that is up, then the task refuses it and stays open
        assertThatThrownBy(() -> tasks.complete(choice.getId(), Map.of("action", "evacuate-host", "target", "cn01", "note", "why not")))
                .hasMessageContaining("is not one of the mitigations the findings allow");
        assertThat(run).isWaitingAt(CHOOSE_MITIGATION);
        runtime.deleteProcessInstance(run.getId(), "test over");
    }

    @Test
    void aFailingChatWebhookNeverHoldsTheIncidentUp() {
        // given the chat service answers 500
        CHAT.failing(true);
        try {
            ProcessInstance run = startManually("lab", "Chat is down too");
            drive(run);

            // then the notification step records the failure and the incident goes on to the status page
            assertThat(run).isWaitingAt(UPDATE_STATUS_PAGE);
            assertThat(runbooks.steps(run)).anySatisfy(s -> {
                assertThat(s.step()).isEqualTo(Sev1Incident.Elements.NOTIFY_INCIDENT);
                assertThat(s.result()).isEqualTo("chat NOT delivered");
            });
            runtime.deleteProcessInstance(run.getId(), "test over");
        } finally {
            CHAT.failing(false);
        }
    }

    // ---- input and technical failures ---------------------------------------------------------------------------------

    @Test
    void anUnknownSiteIsRejectedBeforeAnythingIsTouched() {
        ProcessInstance run = start("olga", "nowhere", "Everything down");
        runJob(run, Sev1Incident.Elements.START);
        runJob(run, Sev1Incident.Elements.VALIDATE_INPUT);

        assertThat(run).isEnded().hasPassed(END_INPUT_REJECTED);
        assertThat(runbooks.summary(run)).contains("there is no site 'nowhere'").contains("lab-charmed");
        assertThat(CHAT.messages()).isEmpty();
    }

    @Test
    void anUnavailableComputeApiIsRetriedThenRaisesAnIncident() {
        // given Nova's API answers 503 after the health check
        ProcessInstance run = startManually("lab", "Nova API down");
        runJob(run, Sev1Incident.Elements.START);
        drive(run, Set.of(SCOPE_INCIDENT));
        LabFault fault = lab.require("lab").injectFault(new LabFault("", FaultType.API_DOWN, "compute", "", 0));

        // when the scope step has used its retry
        for (int attempt = 0; attempt < 3 && jobAt(run, SCOPE_INCIDENT).getRetries() > 0; attempt++) {
            try {
                management.executeJob(jobAt(run, SCOPE_INCIDENT).getId());
            } catch (RuntimeException expected) {
                // each try fails; the engine counts it
            }
        }

        // then an incident names the site and the failure, and the run goes on once the API is back
        Incident incident = runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(SCOPE_INCIDENT);
        assertThat(incident.getIncidentMessage()).contains("lab").contains("503");
        lab.require("lab").removeFault(fault.id());
        management.setJobRetries(jobAt(run, SCOPE_INCIDENT).getId(), 1);
        drive(run);
        assertThat(run).isWaitingAt(UPDATE_STATUS_PAGE);
        runtime.deleteProcessInstance(run.getId(), "test over");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private ProcessInstance startManually(String site, String summary) {
        return start("olga", site, summary);
    }

    private ProcessInstance start(String user, String site, String summary) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("site", site);
        variables.put("summary", summary);
        identity.setAuthentication(user, List.of(Roles.OPS_LEADS));
        try {
            ProcessInstance run = runtime.startProcessInstanceByKey(Sev1Incident.PROCESS_KEY, variables);
            assertThat(run).isStarted().hasPassed(Sev1Incident.Elements.START);
            return run;
        } finally {
            runbooks.logout();
        }
    }

    /** Detection, communication (the status page updated by olivia) and diagnosis, up to the choice of a mitigation. */
    private void toMitigation(ProcessInstance run) {
        drive(run);
        assertThat(run).isWaitingAt(UPDATE_STATUS_PAGE);
        complete("olivia", Map.of("statusPageNote", "Investigating"));
        drive(run);
        assertThat(run).isWaitingAt(CHOOSE_MITIGATION);
    }

    /** Olivia chooses; the run looks at the site's calendar (its own job), and the approval opens. */
    private void choose(String action, String target, String note) {
        complete("olivia", Map.of("action", action, "target", target, "note", note));
        management.createJobQuery().activityId(Sev1Incident.Elements.LOOK_AT_CALENDAR).list().forEach(job -> management.executeJob(job.getId()));
    }

    private void approve(String approver, boolean approved, String reason) {
        Task task = tasks.createTaskQuery().taskDefinitionKey(APPROVE_MITIGATION).singleResult();
        tasks.claim(task.getId(), approver);
        tasks.complete(task.getId(), Map.of("approve", approved, "approvalReason", reason));
    }

    /** Claims and completes the one open operator task (not an acknowledgement) as {@code user}. */
    private void complete(String user, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().active().list().stream().filter(t -> !t.getTaskDefinitionKey().equals(ACKNOWLEDGE_OVERRUN)
                && !t.getTaskDefinitionKey().equals(APPROVE_MITIGATION)).findFirst().orElseThrow();
        tasks.claim(task.getId(), user);
        tasks.complete(task.getId(), variables);
    }

    private void closeWithPostMortem(ProcessInstance run) {
        assertThat(run).isWaitingAt(WRITE_POST_MORTEM);
        complete("olga", Map.of("rootCause", "as found", "followUps", "none"));
        drive(run);
        assertThat(run).isEnded().hasPassed(END_INCIDENT_CLOSED);
    }

    private void at(int minutes) {
        ClockUtil.setCurrentTime(Date.from(runbooks.clock().instant().plus(Duration.ofMinutes(minutes))));
    }

    /** Fires a phase's SLA timer, checks the notification and has olga acknowledge the overrun. */
    private void escalate(ProcessInstance run, String timer, String overrun) {
        runJob(run, timer);
        runJob(run, Sev1Incident.Elements.ESCALATE_OVERRUN);
        Task ack = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey(ACKNOWLEDGE_OVERRUN).singleResult();
        assertThat(ack.getName()).startsWith("Acknowledge overrun: ").contains(overrun);
        tasks.claim(ack.getId(), "olga");
        tasks.complete(ack.getId());
        assertThat(run).hasPassed(END_OVERRUN_ACKNOWLEDGED);
    }

    private Task task(ProcessInstance run) {
        return tasks.createTaskQuery().processInstanceId(run.getId()).active().list().stream()
                .filter(t -> !t.getTaskDefinitionKey().equals(ACKNOWLEDGE_OVERRUN)).findFirst().orElseThrow();
    }

    private void drive(ProcessInstance run) {
        drive(run, Set.of());
    }

    /**
     * Runs the jobs of the incident and of the health checks it calls until only user tasks, SLA timers not yet due (on the
     * engine's clock) or the jobs at {@code stopAt} are left; before each wait for Nova, the lab's time moves on 10 s. An SLA
     * timer that is due (the incident re-entered a phase past its deadline) is fired, and an acknowledgement it brings is given.
     */
    private void drive(ProcessInstance run, Set<String> stopAt) {
        for (int i = 0; i < 400; i++) {
            List<Job> ready = jobsOf(run).stream().filter(j -> !stopAt.contains(activity(j)))
                    .filter(j -> !Set.of(AwaitOperation.DEADLINE_PASSED).contains(activity(j)) && !SLA_TIMERS.contains(activity(j))
                            || !j.getDuedate().after(ClockUtil.getCurrentTime())).toList();
            if (ready.isEmpty()) {
                return;
            }
            Job next = ready.get(0);
            if (activity(next).equals(AwaitOperation.WAIT)) {
                runbooks.advance(Duration.ofSeconds(10));
            }
            management.executeJob(next.getId());
        }
        throw new AssertionError("the run did not come to rest");
    }

    private List<Job> jobsOf(ProcessInstance run) {
        List<Job> jobs = new ArrayList<>();
        partsOf(run).forEach(id -> jobs.addAll(management.createJobQuery().processInstanceId(id).withRetriesLeft().list()));
        return jobs;
    }

    /** The run and every process it called that still runs (health checks, the smoke test, the waits), callers first. */
    private List<String> partsOf(ProcessInstance run) {
        List<String> ids = new ArrayList<>(List.of(run.getId()));
        for (int i = 0; i < ids.size(); i++) {
            runtime.createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list().forEach(p -> ids.add(p.getId()));
        }
        return ids;
    }

    /** The run's newest await-operation that still runs. */
    private ProcessInstance await(ProcessInstance run) {
        return runtime.createProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(partsOf(run))).processDefinitionKey(AwaitOperation.PROCESS_KEY)
                .singleResult();
    }

    /** Runs the one job at {@code activityId} in the run or a process it called. */
    private void runJobIn(ProcessInstance run, String activityId) {
        List<Job> jobs = jobsOf(run).stream().filter(j -> activity(j).equals(activityId)).toList();
        assertThat(jobs).as("job at " + activityId).hasSize(1);
        management.executeJob(jobs.get(0).getId());
    }

    /** The element a job belongs to: the async task, the timer event. */
    private String activity(Job job) {
        return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId();
    }

    private Job jobAt(ProcessInstance run, String activityId) {
        return management.createJobQuery().processInstanceId(run.getId()).activityId(activityId).singleResult();
    }

    private void runJob(ProcessInstance run, String activityId) {
        Job job = jobAt(run, activityId);
        assertThat(job).as("job at " + activityId).isNotNull();
        management.executeJob(job.getId());
    }

    private IncidentRecord incident(ProcessInstance run) {
        return (IncidentRecord) runbooks.variable(run, "incident");
    }

    /** A run of rolling-upgrade that only waits for RollbackRequested, deployed as its latest version in this test's engine. */
    private void deployUpgradeStandIn() {
        try (InputStream in = getClass().getResourceAsStream("/sev1/rolling-upgrade-stand-in.bpmn.xml")) {
            repository.createDeployment().addInputStream("rolling-upgrade-stand-in.bpmn", in).deploy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String alertBody(String status, String fingerprint) {
        return notification(status, alert(status, fingerprint, "HypervisorDown", "critical"));
    }

    static String notification(String status, String alert) {
        return """
                {"version": "4", "groupKey": "{}:{alertname=\\"HypervisorDown\\"}", "truncatedAlerts": 0, "status": "%s", "receiver": "dayshift",
                 "groupLabels": {"alertname": "HypervisorDown"}, "commonLabels": {}, "commonAnnotations": {},
                 "externalURL": "http://alertmanager.example.org:9093", "alerts": [%s]}
                """.formatted(status, alert);
    }

    static String alert(String status, String fingerprint, String alertname, String severity) {
        return """
                {"status": "%s", "labels": {"alertname": "%s", "severity": "%s", "site": "lab", "instance": "cn03"},
                 "annotations": {"summary": "Hypervisor cn03 is down"}, "startsAt": "2026-11-21T09:59:30Z", "endsAt": "%s",
                 "generatorURL": "http://prometheus.example.org:9090/graph", "fingerprint": "%s"}
                """.formatted(status, alertname, severity, status.equals("resolved") ? "2026-11-21T10:20:00Z" : "0001-01-01T00:00:00Z", fingerprint);
    }
}
