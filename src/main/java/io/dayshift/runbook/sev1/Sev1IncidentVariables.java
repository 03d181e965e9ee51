package io.dayshift.runbook.sev1;

import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.healthcheck.Finding;
import java.util.List;

/**
 * The variables of {@code sev1-incident}. Started from Tasklist with {@link #SITE} and {@link #SUMMARY}; from an alert, the
 * intake adds {@code alertname}, {@code severity}, {@code fingerprint}, {@code startsAt} and {@code labels}
 * ({@code io.dayshift.alert.AlertVariables}). Output: {@link #INCIDENT}, {@link #RTO_MET}, {@code steps} and {@code summary}.
 */
public final class Sev1IncidentVariables {

    // ---- start
    public static final ProcessVariable<String> SITE = ProcessVariable.string("site");
    /** The start's one-line description; replaced by the run's summary at the end (kept as {@link #TITLE}). */
    public static final ProcessVariable<String> SUMMARY = RunLog.SUMMARY;
    public static final ProcessVariable<String> ALERTNAME = ProcessVariable.string("alertname");
    public static final ProcessVariable<String> FINGERPRINT = ProcessVariable.string("fingerprint");

    // ---- the incident
    public static final ProcessVariable<String> TITLE = ProcessVariable.string("title");
    public static final ProcessVariable<IncidentRecord> INCIDENT = ProcessVariable.json("incident", IncidentRecord.class);
    /** {@code KOLLA} or {@code CHARMED}: the diagnosis gateway reads it. */
    public static final ProcessVariable<String> FLAVOUR = ProcessVariable.string("flavour");
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

    // ---- mitigation
    /** The operator's choice: an action of {@link Sev1IncidentIds}; gateways read it. */
    public static final ProcessVariable<String> ACTION = ProcessVariable.string("action");
    public static final ProcessVariable<String> TARGET = ProcessVariable.string("target");
    public static final ProcessVariable<String> NOTE = ProcessVariable.string("note");
    public static final ProcessVariable<String> CHOSEN_BY = ProcessVariable.string("chosenBy");
    /** What the approver is asked to approve. */
    public static final ProcessVariable<String> MITIGATION_PLAN = ProcessVariable.string("mitigationPlan");
    /** The host's nova-compute is down and now forced down: evacuation may go on. */
    public static final ProcessVariable<Boolean> HOST_FENCED = ProcessVariable.bool("hostFenced");
    public static final ProcessVariable<Evacuations> EVACUATIONS = ProcessVariable.json("evacuations", Evacuations.class);
    public static final ProcessVariable<Boolean> EVACUATIONS_SETTLED = ProcessVariable.bool("evacuationsSettled");

    // ---- resolution
    public static final ProcessVariable<String> RESOLUTION_HEALTH = ProcessVariable.string("resolutionHealth");
    public static final ProcessVariable<List<Finding>> RESOLUTION_FINDINGS = ProcessVariable.list("resolutionFindings", Finding.class);
    public static final ProcessVariable<String> SMOKE_SERVER = ProcessVariable.string("smokeServer");
    /** {@code booting}, {@code active} or {@code failed}. */
    public static final ProcessVariable<String> SMOKE_OUTCOME = ProcessVariable.string("smokeOutcome");
    public static final ProcessVariable<Boolean> RESOLVED = ProcessVariable.bool("resolved");
    /** Why the incident is, or is not yet, resolved. */
    public static final ProcessVariable<String> VERDICT = ProcessVariable.string("verdict");

    // ---- escalations
    /** The newest overrun, as the acknowledgement task names it. */
    public static final ProcessVariable<String> OVERRUN = ProcessVariable.string("overrun");
    public static final ProcessVariable<Boolean> NEW_OVERRUN = ProcessVariable.bool("newOverrun");

    // ---- post-mortem and outcome
    public static final ProcessVariable<String> ROOT_CAUSE = ProcessVariable.string("rootCause");
    public static final ProcessVariable<String> FOLLOW_UPS = ProcessVariable.string("followUps");
    public static final ProcessVariable<Boolean> RTO_MET = ProcessVariable.bool("rtoMet");

    private Sev1IncidentVariables() {
    }
}
