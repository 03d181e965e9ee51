package io.dayshift.runbook.sev1;

import io.dayshift.runbook.OperatorChoices;

import io.dayshift.runbook.RunIdentity;
import io.dayshift.site.Sites;
import io.dayshift.runbook.InputProblems;
import io.dayshift.runbook.RunVariables;
import io.dayshift.engine.ProcessVariable;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.delegate.DelegateTask;
import java.util.Optional;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.RunNames;
import io.dayshift.runbook.PublicUrl;
import io.dayshift.runbook.healthcheck.Finding;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code processes/sev1-incident.bpmn}, a Sev-1 incident (main service down, RTO one hour): its key, element ids,
 * variables and settings ({@code dayshift.runbooks.sev1-incident.*}). The seed's SLA budgets (detection 5 min,
 * communication 10, diagnosis 20, mitigation 40, resolution 60) are read as deadlines counted from the incident's opening,
 * so that resolution's 60 minutes are the RTO of one hour; a phase still running past its deadline is escalated. The
 * model reads the budgets through {@link #due} and the waits as ISO-8601 durations ({@code ${sev1Incident.checkInterval}}).
 */
@Component("sev1Incident")
public class Sev1Incident implements RunIdentity {

    public static final String PROCESS_KEY = "sev1-incident";
    /** The models it calls. */
    public static final String HEALTH_CHECK_KEY = "site-health-check";
    /** The process whose active run can be rolled back. */
    public static final String ROLLING_UPGRADE = "rolling-upgrade";

    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    /** The message the intake correlates when Alertmanager reports the alert resolved. */
    public static final String MESSAGE_ALERT_RESOLVED = "AlertResolved";
    /** The message the rolling-upgrade runbook waits for (correlated by its {@code site}). */
    public static final String MESSAGE_ROLLBACK_REQUESTED = "RollbackRequested";

    /** The mitigations an operator can choose ({@code action}). */
    public static final String EVACUATE_HOST = "evacuate-host";
    public static final String RESTART_CONTAINER_ACTION = "restart-container";
    public static final String RESTART_UNIT_SERVICE_ACTION = "restart-unit-service";
    public static final String ROLLBACK_UPGRADE = "rollback-upgrade";
    public static final String NO_ACTION = "no-action";

    /** The element ids code and tests use. */
    public static final class Elements {

        public static final String START = "StartEvent_IncidentReported";
        public static final String VALIDATE_INPUT = "Task_ValidateInput";
        public static final String INPUT_REJECTED_EVENT = "Event_InputRejected";

        // ---- the phases, one collapsed sub-process each
        public static final String DETECTION = "SubProcess_Detection";
        public static final String CHECK_SITE_HEALTH = "Task_CheckSiteHealth";
        public static final String SCOPE_INCIDENT = "Task_ScopeIncident";
        public static final String COMMUNICATION = "SubProcess_Communication";
        public static final String NOTIFY_INCIDENT = "Task_NotifyIncident";
        public static final String UPDATE_STATUS_PAGE = "Task_UpdateStatusPage";
        public static final String DIAGNOSIS = "SubProcess_Diagnosis";
        public static final String LIST_DOWN_HYPERVISORS = "Task_ListDownHypervisors";
        public static final String WHICH_FLAVOUR = "Gateway_WhichFlavour";
        public static final String COLLECT_CONTAINER_EVIDENCE = "Task_CollectContainerEvidence";
        public static final String COLLECT_UNIT_EVIDENCE = "Task_CollectUnitEvidence";
        public static final String COLLECT_CEPH_STATUS = "Task_CollectCephStatus";
        public static final String PROPOSE_MITIGATIONS = "Task_ProposeMitigations";
        public static final String MITIGATION = "SubProcess_Mitigation";
        public static final String CHOOSE_MITIGATION = "Task_ChooseMitigation";
        public static final String ACTION_CHOSEN = "Gateway_ActionChosen";
        public static final String LOOK_AT_CALENDAR = "Task_LookAtCalendar";
        public static final String APPROVE_MITIGATION = "Task_ApproveMitigation";
        public static final String MITIGATION_APPROVED = "Gateway_MitigationApproved";
        public static final String SITE_CLOSED = "Gateway_SiteClosed";
        public static final String RECORD_OVERRIDE = "Task_RecordOverride";
        public static final String WHICH_MITIGATION = "Gateway_WhichMitigation";
        public static final String FENCE_HOST = "Task_FenceHost";
        public static final String HOST_FENCED = "Gateway_HostFenced";
        public static final String START_EVACUATIONS = "Task_StartEvacuations";
        public static final String AWAIT_EVACUATIONS = "Task_AwaitEvacuations";
        public static final String RECORD_EVACUATIONS = "Task_RecordEvacuations";
        public static final String RESTART_CONTAINER = "Task_RestartContainer";
        public static final String RESTART_UNIT_SERVICE = "Task_RestartUnitService";
        public static final String REQUEST_ROLLBACK = "Task_RequestRollback";
        public static final String MITIGATION_APPLIED = "Gateway_MitigationApplied";
        public static final String RESOLUTION = "SubProcess_Resolution";
        public static final String VERIFY_SITE_HEALTH = "Task_VerifySiteHealth";
        public static final String SMOKE_TEST = "Task_SmokeTest";
        public static final String JUDGE_RESOLUTION = "Task_JudgeResolution";
        public static final String INCIDENT_RESOLVED = "Gateway_IncidentResolved";
        public static final String WRITE_POST_MORTEM = "Task_WritePostMortem";
        public static final String SUMMARISE_INCIDENT = "Task_SummariseIncident";

        // ---- SLA escalations
        public static final String DETECTION_OVERRUN = "Timer_DetectionOverrun";
        public static final String COMMUNICATION_OVERRUN = "Timer_CommunicationOverrun";
        public static final String DIAGNOSIS_OVERRUN = "Timer_DiagnosisOverrun";
        public static final String MITIGATION_OVERRUN = "Timer_MitigationOverrun";
        public static final String RESOLUTION_OVERRUN = "Timer_ResolutionOverrun";
        public static final String ESCALATE_OVERRUN = "Task_EscalateOverrun";
        public static final String NEW_OVERRUN = "Gateway_NewOverrun";
        public static final String ACKNOWLEDGE_OVERRUN = "Task_AcknowledgeOverrun";

        // ---- Alertmanager's resolved notification
        public static final String ALERT_RESOLVED_HANDLER = "SubProcess_AlertResolved";
        public static final String ALERT_RESOLVED_START = "StartEvent_AlertResolved";
        public static final String RECORD_ALERT_RESOLVED = "Task_RecordAlertResolved";

        public static final String END_INPUT_REJECTED = "EndEvent_InputRejected";
        public static final String END_INCIDENT_CLOSED = "EndEvent_IncidentClosed";
        public static final String END_OVERRUN_ACKNOWLEDGED = "EndEvent_OverrunAcknowledged";
        public static final String END_OVERRUN_KNOWN = "EndEvent_OverrunKnown";
        public static final String END_ALERT_RESOLVED_RECORDED = "EndEvent_AlertResolvedRecorded";

        private Elements() {
        }
    }

    /**
     * The variables of the incident. Started from Tasklist with {@code site} and {@code summary} (the start's one-line
     * description, replaced by the run's summary at the end and kept as {@link #TITLE}); from an alert, the intake adds
     * {@code alertname}, {@code severity}, {@code fingerprint}, {@code startsAt} and {@code labels}
     * ({@code io.dayshift.alert.AlertVariables}). Output: {@link #INCIDENT}, {@link #RTO_MET}, {@code steps} and
     * {@code summary}. The variables every runbook has ({@code site}, {@code flavour}, {@code note}) are in
     * {@link io.dayshift.runbook.RunVariables}.
     */
    public static final class Variables {

        public static final ProcessVariable<String> ALERTNAME = ProcessVariable.string("alertname");
        public static final ProcessVariable<String> FINGERPRINT = ProcessVariable.string("fingerprint");

        // ---- the incident
        public static final ProcessVariable<String> TITLE = ProcessVariable.string("title");
        public static final ProcessVariable<IncidentRecord> INCIDENT = ProcessVariable.json("incident", IncidentRecord.class);
        /** Where the incident is in Cockpit (from {@code dayshift.public-url}). */
        public static final ProcessVariable<String> INCIDENT_LINK = ProcessVariable.string("incidentLink");

        // ---- detection
        /** Mapped out of site-health-check: GREEN, AMBER or RED. */
        public static final ProcessVariable<String> DETECTION_HEALTH = ProcessVariable.string("detectionHealth");
        public static final ProcessVariable<List<Finding>> DETECTION_FINDINGS = ProcessVariable.list("detectionFindings", Finding.class);
        /** What the detection found affected: services and hosts, one line each. */
        public static final ProcessVariable<String> SCOPE = ProcessVariable.string("scope");

        // ---- communication
        public static final ProcessVariable<String> STATUS_PAGE_NOTE = ProcessVariable.string("statusPageNote");

        // ---- diagnosis
        /** Compute hosts whose nova-compute is down (comma-separated). */
        public static final ProcessVariable<String> DOWN_HOSTS = ProcessVariable.string("downHosts");
        /** The instances on each of them, with their flavors: what an evacuation would rebuild. */
        public static final ProcessVariable<DownHostInstances> DOWN_HOST_INSTANCES = ProcessVariable.json("downHostInstances", DownHostInstances.class);
        /** Containers not running, {@code host/container}, comma-separated (Kolla sites). */
        public static final ProcessVariable<String> FAILING_CONTAINERS = ProcessVariable.string("failingContainers");
        /**
         * Units in error or blocked whose services Dayshift can restart (agent idle or executing, machine started, charm in
         * {@link io.dayshift.charm.CharmRestarts}), {@code unit:charm}, comma-separated (charmed sites).
         */
        public static final ProcessVariable<String> FAILING_UNITS = ProcessVariable.string("failingUnits");
        /** The evidence collected over SSH and the APIs, redacted and bounded; the mitigation form shows it. */
        public static final ProcessVariable<String> EVIDENCE = ProcessVariable.string("evidence");
        public static final ProcessVariable<MitigationOptions> MITIGATION_OPTIONS = ProcessVariable.json("mitigationOptions", MitigationOptions.class);
        /** The options as the form shows them. */
        public static final ProcessVariable<String> MITIGATION_CHOICES = ProcessVariable.string("mitigationChoices");
        /** The targets the options name, as the form's list of targets reads them ({@code valuesKey}): {@code [{label, value}]}. */
        public static final ProcessVariable<List<OperatorChoices.Choice>> MITIGATION_TARGETS = ProcessVariable.list("mitigationTargets",
                OperatorChoices.Choice.class);

        // ---- mitigation
        /** The operator's choice: an action of {@link Sev1Incident}; gateways read it. */
        public static final ProcessVariable<String> ACTION = ProcessVariable.string("action");
        public static final ProcessVariable<String> TARGET = ProcessVariable.string("target");
        public static final ProcessVariable<String> CHOSEN_BY = ProcessVariable.string("chosenBy");
        /** What the approver is asked to approve. */
        public static final ProcessVariable<String> MITIGATION_PLAN = ProcessVariable.string("mitigationPlan");
        /** The host's nova-compute is down and now forced down: evacuation may go on. */
        public static final ProcessVariable<Boolean> HOST_FENCED = ProcessVariable.bool("hostFenced");
        public static final ProcessVariable<Evacuations> EVACUATIONS = ProcessVariable.json("evacuations", Evacuations.class);

        // ---- resolution
        public static final ProcessVariable<String> RESOLUTION_HEALTH = ProcessVariable.string("resolutionHealth");
        public static final ProcessVariable<List<Finding>> RESOLUTION_FINDINGS = ProcessVariable.list("resolutionFindings", Finding.class);
        /** Mapped out of smoke-test-instance: its {@code operationOutcome} ({@code SUCCEEDED}: the instance went ACTIVE). */
        public static final ProcessVariable<String> SMOKE_OUTCOME = ProcessVariable.string("smokeOutcome");
        public static final ProcessVariable<Boolean> RESOLVED = ProcessVariable.bool("resolved");
        /** Why the incident is, or is not yet, resolved. */
        public static final ProcessVariable<String> VERDICT = ProcessVariable.string("verdict");

        // ---- escalations
        /** The newest overrun, as the acknowledgement task names it. */
        public static final ProcessVariable<String> OVERRUN = ProcessVariable.string("overrun");
        public static final ProcessVariable<Boolean> NEW_OVERRUN = ProcessVariable.bool("newOverrun");

        // ---- post-mortem and outcome
        /** The incident in time order, written as {@code Task_WritePostMortem} opens; its form shows it. */
        public static final ProcessVariable<IncidentTimeline> TIMELINE = ProcessVariable.json("timeline", IncidentTimeline.class);
        public static final ProcessVariable<String> ROOT_CAUSE = ProcessVariable.string("rootCause");
        public static final ProcessVariable<String> FOLLOW_UPS = ProcessVariable.string("followUps");
        public static final ProcessVariable<Boolean> RTO_MET = ProcessVariable.bool("rtoMet");

        private Variables() {
        }
    }

    private final Map<String, Duration> budgets = new LinkedHashMap<>();
    private final Duration checkInterval;
    private final Duration evacuationDeadline;
    private final Duration smokeTestDeadline;
    private final int logLines;
    private final int evidenceChars;
    private final URI publicUrl;

    Sev1Incident(
            @Value("${dayshift.runbooks.sev1-incident.budget.detection:PT5M}") Duration detection,
            @Value("${dayshift.runbooks.sev1-incident.budget.communication:PT10M}") Duration communication,
            @Value("${dayshift.runbooks.sev1-incident.budget.diagnosis:PT20M}") Duration diagnosis,
            @Value("${dayshift.runbooks.sev1-incident.budget.mitigation:PT40M}") Duration mitigation,
            @Value("${dayshift.runbooks.sev1-incident.budget.resolution:PT60M}") Duration resolution,
            @Value("${dayshift.runbooks.sev1-incident.check-interval:PT15S}") Duration checkInterval,
            @Value("${dayshift.runbooks.sev1-incident.evacuation-deadline:PT30M}") Duration evacuationDeadline,
            @Value("${dayshift.runbooks.sev1-incident.smoke-test-deadline:PT10M}") Duration smokeTestDeadline,
            @Value("${dayshift.runbooks.sev1-incident.log-lines:50}") int logLines,
            @Value("${dayshift.runbooks.sev1-incident.evidence-chars:12000}") int evidenceChars,
            PublicUrl publicUrl) {
        List<Duration> all = List.of(detection, communication, diagnosis, mitigation, resolution);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).isNegative() || all.get(i).isZero() || i > 0 && all.get(i).compareTo(all.get(i - 1)) < 0) {
                throw new IllegalArgumentException("dayshift.runbooks.sev1-incident.budget.*: each budget is a positive duration from the incident's "
                        + "opening, none shorter than the one of the phase before (" + all + ")");
            }
            budgets.put(Phases.ALL.get(i), all.get(i));
        }
        positive("check-interval", checkInterval);
        positive("evacuation-deadline", evacuationDeadline);
        positive("smoke-test-deadline", smokeTestDeadline);
        if (logLines < 1 || logLines > 10_000 || evidenceChars < 1000) {
            throw new IllegalArgumentException("dayshift.runbooks.sev1-incident: log-lines is 1 to 10000, evidence-chars at least 1000");
        }
        this.checkInterval = checkInterval;
        this.evacuationDeadline = evacuationDeadline;
        this.smokeTestDeadline = smokeTestDeadline;
        this.logLines = logLines;
        this.evidenceChars = evidenceChars;
        this.publicUrl = publicUrl.base();
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("dayshift.runbooks.sev1-incident." + name + " must be a positive duration, not " + value);
        }
    }

    /** The deadline of a phase of this run: its opening plus the phase's budget. The boundary timers of the phases read it. */
    public Date due(DelegateExecution execution, String phase) {
        return Date.from(dueAt(Variables.INCIDENT.get(execution).openedAt(), phase));
    }

    Instant dueAt(Instant openedAt, String phase) {
        Duration budget = budgets.get(phase);
        if (budget == null) {
            throw new IllegalArgumentException("no SLA budget for phase '" + phase + "'");
        }
        return openedAt.plus(budget);
    }

    Duration budget(String phase) {
        return budgets.get(phase);
    }

    /** The recovery time objective: the resolution's deadline. */
    Duration rto() {
        return budgets.get(Phases.RESOLUTION);
    }

    /** ISO-8601: the first look at the evacuations and the smoke instance, and the looks after it, e.g. {@code PT15S}. */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    /** ISO-8601: how long the evacuated instances may take to settle; the resolution judges what is left. */
    public String getEvacuationDeadline() {
        return evacuationDeadline.toString();
    }

    /** ISO-8601: how long the smoke instance may take to become ACTIVE. */
    public String getSmokeTestDeadline() {
        return smokeTestDeadline.toString();
    }

    /**
     * The smoke instance's base name, new for each resolution of this run (the smoke test appends its attempt):
     * {@code dayshift-sev1-smoke-<run>-<resolution>}.
     */
    public String smokeName(DelegateExecution execution) {
        long resolution = incident(execution).phases().stream().filter(p -> p.phase().equals(Phases.RESOLUTION)).count();
        return "dayshift-sev1-smoke-" + execution.getProcessInstanceId().replaceAll("[^A-Za-z0-9]", "") + "-" + resolution;
    }

    int logLines() {
        return logLines;
    }

    int evidenceChars() {
        return evidenceChars;
    }

    /** The run in Cockpit. */
    URI cockpitLink(String processInstanceId) {
        String base = publicUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId);
    }

    // ---- the incident record and small helpers of this package

    static IncidentRecord incident(VariableScope scope) {
        return Variables.INCIDENT.get(scope);
    }

    static void incident(DelegateExecution execution, IncidentRecord record) {
        Variables.INCIDENT.set(execution.getProcessInstance(), record);
    }

    /** A comma-separated variable as a list; empty for none. */
    static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The last {@code max} characters, marked when cut. */
    static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max + 1);
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    /** The run's name (its business key, {@code RunNames}). */
    @Override
    public String name(VariableScope start) {
        return "sev1 " + RunIdentity.value(start, RunVariables.SITE.name()) + ": " + RunIdentity.value(start, "summary");
    }

    /** A Sev-1's tasks come first in Tasklist: its approval of the mitigation above everything. */
    @Override
    public int priority(boolean approval) {
        return approval ? RunNames.SEV1_PRIORITY + 5 : RunNames.SEV1_PRIORITY;
    }

    /**
     * A task is due at the SLA deadline of the phase it is part of (the one the boundary timers escalate at); one outside the
     * phases (an overrun to acknowledge, the post-mortem) at the RTO, or now when that has passed.
     */
    @Override
    public Optional<Instant> due(DelegateTask task, DelegateExecution run) {
        IncidentRecord incident = run.getVariable(Variables.INCIDENT.name()) == null ? null : Variables.INCIDENT.get(run);
        if (incident == null || incident.openedAt() == null) {
            return Optional.empty();
        }
        ScopeImpl scope = ((ExecutionEntity) run).getActivity();
        while (scope instanceof ActivityImpl activity) {
            Optional<String> phase = Phases.of(activity.getId());
            if (phase.isPresent()) {
                return Optional.of(dueAt(incident.openedAt(), phase.get()));
            }
            scope = activity.getFlowScope();
        }
        Instant rto = dueAt(incident.openedAt(), Phases.RESOLUTION);
        Instant now = RunLog.now();
        return Optional.of(rto.isAfter(now) ? rto : now);
    }

    /** At start, before any look at the site ({@code RunNames}): the site is configured and the fields are given. */
    @Override
    public void checkStart(VariableScope start, Sites sites, InputProblems problems) {
        RunIdentity.super.checkStart(start, sites, problems);
        problems.required("summary", start.getVariable("summary"), "a one-line summary of the incident, e.g. 'Instances on cn03 unreachable'");
    }
}
