package io.dayshift.runbook.healthcheck;

/** The process key, element ids and error codes of {@code processes/site-health-check.bpmn}, once. */
public final class SiteHealthCheckIds {

    public static final String PROCESS_KEY = "site-health-check";

    public static final String START_EVENT = "StartEvent_HealthCheckRequested";
    public static final String VALIDATE_INPUT = "Task_ValidateInput";
    public static final String INPUT_REJECTED_EVENT = "Event_InputRejected";
    public static final String INPUT_REJECTED_END = "EndEvent_InputRejected";
    public static final String CHECK_COMPUTE_SERVICES = "Task_CheckComputeServices";
    public static final String CHECK_NETWORK_AGENTS = "Task_CheckNetworkAgents";
    public static final String CHECK_VOLUME_SERVICES = "Task_CheckVolumeServices";
    public static final String CHECK_HYPERVISOR_USAGE = "Task_CheckHypervisorUsage";
    public static final String CHECK_API_ENDPOINTS = "Task_CheckApiEndpoints";
    public static final String CHECK_CEPH = "Task_CheckCeph";
    public static final String WHICH_FLAVOUR = "Gateway_WhichFlavour";
    public static final String CHECK_CHARM_UNITS = "Task_CheckCharmUnits";
    public static final String CHECK_UNIT_LOGS = "Task_CheckUnitLogs";
    public static final String CHECK_DATABASE_CLUSTER = "Task_CheckDatabaseCluster";
    public static final String CHECK_CONTAINERS = "Task_CheckContainers";
    public static final String CHECK_CONTAINER_LOGS = "Task_CheckContainerLogs";
    public static final String CHECK_GALERA_CLUSTER = "Task_CheckGaleraCluster";
    public static final String FLAVOUR_CHECKED = "Gateway_FlavourChecked";
    public static final String GRADE_HEALTH = "Task_GradeHealth";
    public static final String HOW_HEALTHY = "Gateway_HowHealthy";
    public static final String SITE_GREEN_END = "EndEvent_SiteGreen";
    public static final String SITE_AMBER_END = "EndEvent_SiteAmber";
    public static final String NOTIFY_WHEN_RED = "Gateway_NotifyWhenRed";
    public static final String NOTIFY_SITE_RED = "Task_NotifySiteRed";
    public static final String SITE_RED_END = "EndEvent_SiteRed";

    public static final String ERROR_INPUT_REJECTED = "Error_InputRejected";
    /** Error code: the site is not configured (or not a site name); nothing was checked. */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";

    public static final String START_FORM = "site-health-check-start";

    private SiteHealthCheckIds() {
    }
}
