package io.dayshift.lab;

import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.ssh.Session;
import io.dayshift.site.SiteSource;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in lab, wired in only with {@code dayshift.lab.enabled=true} (the default start; never under the
 * {@code postgres} profile): simulated sites {@code lab} (kolla) and {@code lab-charmed} (charmed), reached by the
 * production adapters over real SSH on loopback.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
public class LabConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LabConfiguration.class);

    /** The name of an optional {@link Clock} bean the lab's simulated time follows instead of the system clock (for tests). */
    public static final String CLOCK = "labClock";

    @Bean(destroyMethod = "close")
    LabSites labSites(LabProperties properties, @Qualifier(CLOCK) ObjectProvider<Clock> clock) {
        LabSites lab = LabSites.start(properties, clock.getIfAvailable(Clock::systemUTC), Session.Sleeper.REAL);
        log.warn("==========================================================================================");
        log.warn(" SIMULATED SITES: {} are the built-in LAB, not real clouds.", lab.all().stream().map(LabSite::name).toList());
        log.warn(" Nothing a runbook does to them touches a real machine. Lab files: {} (pace {}, time factor {}).", lab.directory(),
                properties.pace(), properties.timeFactor());
        lab.all().forEach(site -> log.warn(" lab site '{}' ({}) answers SSH on 127.0.0.1:{}", site.name(), site.flavour().name().toLowerCase(),
                lab.sshPort(site.name())));
        log.warn(" Turn the lab off with dayshift.lab.enabled=false (it is always off under the postgres profile).");
        log.warn("==========================================================================================");
        return lab;
    }

    @Bean
    SiteSource labSiteSource(LabSites lab) {
        return lab::siteConfigurations;
    }
}
