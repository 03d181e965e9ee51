package io.dayshift.runbook.healthcheck;

import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * What {@code daily-health-check} reads from its expressions: when it runs ({@code ${dailyHealthCheck.cron}}) and which sites
 * it checks ({@code ${dailyHealthCheck.siteNames()}}, the collection of its multi-instance call activity).
 */
@Component("dailyHealthCheck")
@EnableConfigurationProperties(HealthCheckProperties.class)
public class DailyHealthCheck {

    private final HealthCheckProperties properties;
    private final Sites sites;

    DailyHealthCheck(HealthCheckProperties properties, Sites sites) {
        this.properties = properties;
        this.sites = sites;
        properties.sites().forEach(sites::require); // a configured name that is not a site stops the start
    }

    public String getCron() {
        return properties.cron();
    }

    /** The configured sites ({@code dayshift.health-check.sites}), or every site, in name order. */
    public List<String> siteNames() {
        return properties.sites().isEmpty() ? new ArrayList<>(sites.all().stream().map(Site::name).toList()) : new ArrayList<>(properties.sites());
    }
}
