package io.dayshift.runbook.backup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.backup.*}: the daily backup and the MariaDB poll loop (per-site settings are under
 * {@code dayshift.sites.<site>.backup}).
 *
 * @param cron         when {@code daily-backup} runs: a Camunda (Quartz) cron expression, seconds first (default 01:30 every day)
 * @param sites        the sites it backs up; empty for every configured site
 * @param scope        the scope of the daily runs: {@code full}, {@code databases} or {@code config}
 * @param pollInterval how often a running Kolla MariaDB backup is looked at
 */
@Validated
@ConfigurationProperties("dayshift.backup")
public record BackupRunbookProperties(
        @NotBlank @DefaultValue("0 30 1 * * ?") String cron,
        List<String> sites,
        @NotBlank @Pattern(regexp = "full|databases|config") @DefaultValue("full") String scope,
        @NotNull @DefaultValue("1m") Duration pollInterval) {

    public BackupRunbookProperties {
        sites = sites == null ? List.of() : List.copyOf(sites);
    }
}
