package io.dayshift.runbook.sev1;

/** The ids of {@code processes/sev1-incident.bpmn} that code and tests use: process key, elements, error codes, decisions. */
public final class Sev1IncidentIds {

    public static final String PROCESS_KEY = "sev1-incident";

    public static final String START = "StartEvent_IncidentReported";
    public static final String VALIDATE_INPUT = "Task_ValidateInput";
    public static final String INPUT_REJECTED_EVENT = "Event_InputRejected";

    // ---- the phases, one expanded sub-process each
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
    public static final String APPROVE_MITIGATION = "Task_ApproveMitigation";
    public static final String MITIGATION_APPROVED = "Gateway_MitigationApproved";
    public static final String WHICH_MITIGATION = "Gateway_WhichMitigation";
    public static final String FENCE_HOST = "Task_FenceHost";
    public static final String HOST_FENCED = "Gateway_HostFenced";
    public static final String EVACUATE_INSTANCES = "Task_EvacuateInstances";
    public static final String WAIT_EVACUATIONS = "Timer_WaitEvacuations";
    public static final String CHECK_EVACUATIONS = "Task_CheckEvacuations";
    public static final String EVACUATIONS_DONE = "Gateway_EvacuationsDone";
    public static final String RESTART_CONTAINER = "Task_RestartContainer";
    public static final String RESTART_UNIT_SERVICE = "Task_RestartUnitService";
    public static final String REQUEST_ROLLBACK = "Task_RequestRollback";
    public static final String MITIGATION_APPLIED = "Gateway_MitigationApplied";
    public static final String RESOLUTION = "SubProcess_Resolution";
    public static final String VERIFY_SITE_HEALTH = "Task_VerifySiteHealth";
    public static final String BOOT_SMOKE_INSTANCE = "Task_BootSmokeInstance";
    public static final String WAIT_SMOKE_INSTANCE = "Timer_WaitSmokeInstance";
    public static final String CHECK_SMOKE_INSTANCE = "Task_CheckSmokeInstance";
    public static final String SMOKE_INSTANCE_SETTLED = "Gateway_SmokeInstanceSettled";
    public static final String DELETE_SMOKE_INSTANCE = "Task_DeleteSmokeInstance";
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

    public static final String INPUT_REJECTED = "INPUT_REJECTED";
    /** The message the intake correlates when Alertmanager reports the alert resolved. */
    public static final String MESSAGE_ALERT_RESOLVED = "AlertResolved";
    /** The message the rolling-upgrade runbook waits for (correlated by its {@code site}). */
    public static final String MESSAGE_ROLLBACK_REQUESTED = "RollbackRequested";
    /** The process whose active run can be rolled back. */
    public static final String ROLLING_UPGRADE = "rolling-upgrade";

    /** The mitigations an operator can choose ({@code action}). */
    public static final String EVACUATE_HOST = "evacuate-host";
    public static final String RESTART_CONTAINER_ACTION = "restart-container";
    public static final String RESTART_UNIT_SERVICE_ACTION = "restart-unit-service";
    public static final String ROLLBACK_UPGRADE = "rollback-upgrade";
    public static final String NO_ACTION = "no-action";

    private Sev1IncidentIds() {
    }
}
