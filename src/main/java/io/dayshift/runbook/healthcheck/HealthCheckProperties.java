package io.dayshift.runbook.healthcheck;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.health-check.*}: the daily health check.
 *
 * @param cron          when {@code daily-health-check} runs: a Camunda (Quartz) cron expression, seconds first
 * @param sites         the sites it checks; empty for every configured site
 * @param cpuPercent    a hypervisor is amber above this share of its vCPU capacity (under the allocation ratio)
 * @param ramPercent    … of its RAM capacity
 * @param diskPercent   … of its disk capacity
 * @param kollaHosts    the Ansible host pattern of the nodes whose containers are checked on Kolla sites
 * @param keyContainers the containers that make a site red when they are not running, and whose logs are read
 * @param logLines      how many of the latest log lines of each key container are read, and of a charmed model's ERROR lines
 */
@Validated
@ConfigurationProperties("dayshift.health-check")
public record HealthCheckProperties(
        @NotBlank @DefaultValue("0 0 6 * * ?") String cron,
        List<String> sites,
        @Min(1) @Max(100) @DefaultValue("70") int cpuPercent,
        @Min(1) @Max(100) @DefaultValue("80") int ramPercent,
        @Min(1) @Max(100) @DefaultValue("75") int diskPercent,
        @NotBlank @DefaultValue("baremetal,loadbalancer") String kollaHosts,
        @DefaultValue({"nova_compute", "nova_conductor", "nova_scheduler", "nova_api", "neutron_server", "keystone", "placement_api",
                "glance_api", "mariadb", "rabbitmq", "haproxy", "neutron_openvswitch_agent"}) List<String> keyContainers,
        @Min(1) @Max(10000) @DefaultValue("200") int logLines) {

    public HealthCheckProperties {
        sites = sites == null ? List.of() : List.copyOf(sites);
        keyContainers = keyContainers == null ? List.of() : List.copyOf(keyContainers);
    }

    public Thresholds thresholds() {
        return new Thresholds(cpuPercent, ramPercent, diskPercent);
    }
}
