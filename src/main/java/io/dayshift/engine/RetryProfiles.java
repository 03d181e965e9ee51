package io.dayshift.engine;

import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How often, and how far apart, a failed step is retried before it becomes an incident, per
 * external system ({@code dayshift.retries.<system>}). A model names the profile of each step that
 * calls a site, so it shows in the diagram:
 * {@code <camunda:failedJobRetryTimeCycle>${retries.openstack}</camunda:failedJobRetryTimeCycle>}.
 */
@Component("retries")
public class RetryProfiles {

    private static final Pattern CYCLE = Pattern.compile("R\\d{1,2}/P(?:T\\d+[SMH])+|(?:PT\\d+[SMH],)*PT\\d+[SMH]");

    private final String openstack;
    private final String maas;
    private final String juju;
    private final String kolla;
    private final String shell;
    private final String notify;
    private final String database;

    RetryProfiles(
            @Value("${dayshift.retries.openstack:R5/PT1M}") String openstack,
            @Value("${dayshift.retries.maas:R5/PT1M}") String maas,
            @Value("${dayshift.retries.juju:R3/PT2M}") String juju,
            @Value("${dayshift.retries.kolla:R1/PT5M}") String kolla,
            @Value("${dayshift.retries.shell:R3/PT1M}") String shell,
            @Value("${dayshift.retries.notify:R3/PT1M}") String notify,
            @Value("${dayshift.retries.database:R5/PT30S}") String database) {
        this.openstack = checked("openstack", openstack);
        this.maas = checked("maas", maas);
        this.juju = checked("juju", juju);
        this.kolla = checked("kolla", kolla);
        this.shell = checked("shell", shell);
        this.notify = checked("notify", notify);
        this.database = checked("database", database);
    }

    /** OpenStack APIs: short outages (a restarting API, a token refresh) pass quickly. */
    public String getOpenstack() {
        return openstack;
    }

    /** The MAAS region API. */
    public String getMaas() {
        return maas;
    }

    /** Juju commands on the jump host. */
    public String getJuju() {
        return juju;
    }

    /** kolla-ansible on the deployer: a failed playbook rarely heals by itself. */
    public String getKolla() {
        return kolla;
    }

    /** Other commands over SSH. */
    public String getShell() {
        return shell;
    }

    /** Chat webhooks and mail: a failed channel never fails a step, so a retry only covers the engine's own trouble. */
    public String getNotify() {
        return notify;
    }

    /** Dayshift's own database (leases, calendar): a step that reads or writes only there. */
    public String getDatabase() {
        return database;
    }

    /** The profile of a system by its name ({@code openstack}, {@code maas}, {@code juju}, {@code kolla}, {@code shell}, {@code notify}, {@code database}). */
    public String of(String system) {
        return switch (system) {
            case "openstack" -> openstack;
            case "maas" -> maas;
            case "juju" -> juju;
            case "kolla" -> kolla;
            case "shell" -> shell;
            case "notify" -> notify;
            case "database" -> database;
            default -> throw new IllegalArgumentException("no retry profile for system '" + system + "'");
        };
    }

    private static String checked(String system, String cycle) {
        String value = cycle.strip();
        if (!CYCLE.matcher(value).matches()) {
            throw new IllegalArgumentException("dayshift.retries." + system + ": '" + value
                    + "' is not a retry cycle such as R5/PT1M (5 retries a minute apart) or PT1M,PT5M,PT15M");
        }
        return value;
    }
}
