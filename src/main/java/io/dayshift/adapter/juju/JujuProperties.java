package io.dayshift.adapter.juju;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import io.dayshift.platform.BlockingTimeout;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.adapters.juju.*}.
 *
 * @param executable      the juju program on the Juju host ({@code juju}, or {@code /snap/bin/juju} when a
 *                        non-interactive SSH session lacks it on its PATH)
 * @param statusTimeout   {@code juju status}, {@code juju version}
 * @param commandTimeout  add-machine, add-unit, refresh, config, remove-unit (they return once the request is queued)
 * @param actionTimeout   how long Juju waits for an action ({@code --wait}); the SSH call gets one minute more
 * @param backupTimeout   create-backup including the download; 45m by default so that, with the size check after it and
 *                        the start-up margin, it stays inside the default one-hour job lock (a backup that takes longer
 *                        must not be a blocking call, see {@code JobLockGuard})
 * @param backupDirectory where controller backups are written on the Juju host
 * @param versionCacheTtl how long the detected Juju major version of a site is trusted
 */
@Validated
@ConfigurationProperties("dayshift.adapters.juju")
record JujuProperties(
        @NotBlank @DefaultValue("juju") String executable,
        @NotNull @DefaultValue("2m") Duration statusTimeout,
        @NotNull @DefaultValue("5m") Duration commandTimeout,
        @NotNull @DefaultValue("30m") Duration actionTimeout,
        @NotNull @DefaultValue("45m") Duration backupTimeout,
        @NotBlank @DefaultValue("/var/tmp/dayshift-backups") String backupDirectory,
        @NotNull @DefaultValue("1h") Duration versionCacheTtl) {

    static JujuProperties defaults() {
        return new JujuProperties("juju", Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(45),
                "/var/tmp/dayshift-backups", Duration.ofHours(1));
    }

    /** The longest each kind of call holds a job, for the start-up check against the job lock. */
    List<BlockingTimeout> blockingTimeouts() {
        String key = "dayshift.adapters.juju.";
        return List.of(
                new BlockingTimeout(key + "status-timeout", statusTimeout),
                new BlockingTimeout(key + "command-timeout", commandTimeout),
                new BlockingTimeout(key + "action-timeout (+1m for the SSH call)", actionTimeout.plusMinutes(1)),
                new BlockingTimeout(key + "backup-timeout (+ status-timeout for the size check after it)", backupTimeout.plus(statusTimeout)));
    }
}
