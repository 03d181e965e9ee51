package io.dayshift.runbook.healthcheck;

import io.dayshift.runbook.RunIdentity;
import io.dayshift.runbook.RunVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import io.dayshift.runbook.SettingChecks;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.engine.RunLog;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code processes/site-health-check.bpmn}, the one class of the runbook: its key, element ids, error code, variables and
 * settings ({@code dayshift.health-check.*}: thresholds, the Kolla nodes and key containers looked at, how many log lines are
 * read), and what every check step records. Its output contract, which calling runbooks map out of their call activity
 * ({@code <camunda:out source="health" target="…"/>}), is {@code health} ({@link io.dayshift.runbook.RunVariables#HEALTH}),
 * {@link Variables#FINDINGS} and {@code summary} ({@link RunLog#SUMMARY}); it is documented in
 * {@code runbooks/site-health-check.md} and must stay stable.
 */
@Component("siteHealthCheck")
public class SiteHealthCheck implements RunIdentity {

    public static final String PROCESS_KEY = "site-health-check";
    public static final String START_FORM = "site-health-check-start";

    /** Error code: the site is not configured (or not a site name); nothing was checked. */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";

    /** The containers that make a Kolla site red when they are not running, and whose logs are read, unless configured. */
    public static final List<String> KEY_CONTAINERS = List.of("nova_compute", "nova_conductor", "nova_scheduler", "nova_api", "neutron_server",
            "keystone", "placement_api", "glance_api", "mariadb", "rabbitmq", "haproxy", "neutron_openvswitch_agent");

    /** The element ids code and tests use. */
    public static final class Elements {

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

        private Elements() {
        }
    }

    /**
     * The runbook's own variables; {@code site} (the only input), {@code flavour} and {@code health} (output: GREEN, AMBER or
     * RED, the worst finding; RED also when the input was rejected) are {@link io.dayshift.runbook.RunVariables}.
     */
    public static final class Variables {

        /** Input, optional: true when a RED result is to be told to the site's channels (daily-health-check sets it). */
        public static final ProcessVariable<Boolean> NOTIFY_WHEN_RED = ProcessVariable.bool("notifyWhenRed");
        /** Output: every finding, a JSON array of {@code {check, health, subject, message}}, accumulated step by step. */
        public static final ProcessVariable<List<Finding>> FINDINGS = ProcessVariable.list("findings", Finding.class);
        /** Kolla sites: on which nodes each key container runs, as the container step saw it, for the log step. */
        public static final ProcessVariable<KeyContainerHosts> KEY_CONTAINER_HOSTS = ProcessVariable.json("keyContainerHosts", KeyContainerHosts.class);

        private Variables() {
        }
    }

    private final Thresholds thresholds;
    private final String kollaHosts;
    private final List<String> keyContainers;
    private final int logLines;

    SiteHealthCheck(@Value("${dayshift.health-check.cpu-percent:70}") int cpuPercent, @Value("${dayshift.health-check.ram-percent:80}") int ramPercent,
                    @Value("${dayshift.health-check.disk-percent:75}") int diskPercent,
                    @Value("${dayshift.health-check.kolla-hosts:baremetal,loadbalancer}") String kollaHosts,
                    @Value("${dayshift.health-check.log-lines:200}") int logLines, Environment environment) {
        SettingChecks settings = new SettingChecks("dayshift.health-check");
        this.thresholds = new Thresholds(settings.between("cpu-percent", cpuPercent, 1, 100), settings.between("ram-percent", ramPercent, 1, 100),
                settings.between("disk-percent", diskPercent, 1, 100));
        this.kollaHosts = settings.text("kolla-hosts", kollaHosts, "an Ansible host pattern");
        this.keyContainers = List.copyOf(Binder.get(environment).bind("dayshift.health-check.key-containers", Bindable.listOf(String.class))
                .orElse(KEY_CONTAINERS));
        this.logLines = settings.between("log-lines", logLines, 1, 10000);
    }

    /** Usage above which a hypervisor is amber ({@code cpu-percent}, {@code ram-percent}, {@code disk-percent}). */
    public Thresholds thresholds() {
        return thresholds;
    }

    /** The Ansible host pattern of the Kolla nodes whose containers are checked. */
    public String kollaHosts() {
        return kollaHosts;
    }

    /** The containers that make a Kolla site red when they are not running, and whose logs are read. */
    public List<String> keyContainers() {
        return keyContainers;
    }

    /** How many of the latest log lines of each key container are read, and of a charmed model's ERROR lines. */
    public int logLines() {
        return logLines;
    }

    /**
     * What every check step does after asking the site: adds its findings to {@code findings} and records the step.
     *
     * @param action  the call made, e.g. {@code GET /os-services (Nova)}
     * @param target  what was asked: the site, or the site and its nodes
     * @param checked what was looked at, e.g. {@code 14 services}
     */
    static void record(DelegateExecution execution, String action, String target, String checked, List<Finding> found) {
        List<Finding> all = new ArrayList<>(Variables.FINDINGS.find(execution).orElse(List.of()));
        all.addAll(found);
        Variables.FINDINGS.set(execution.getProcessInstance(), all);
        String result = checked + ": " + (found.isEmpty() ? "nothing found" : found.size() + " finding(s), worst " + Health.worst(found));
        RunLog.record(execution, action, target, result, null, Finding.lines(found));
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    /** The run's name (its business key, {@code RunNames}). */
    @Override
    public String name(VariableScope start) {
        return "health check " + RunIdentity.value(start, RunVariables.SITE.name());
    }
}
