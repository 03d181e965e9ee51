package io.dayshift.adapter.backup;

import io.dayshift.platform.BlockingTimeout;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.adapters.backup.*}: the commands {@code backup-site} runs on a site's hosts.
 *
 * @param readTimeout   checksum, size, listing and readability checks, row counts, removals (a checksum reads the whole file)
 * @param writeTimeout  one artefact written: a dump, an archive, a snapshot, a controller backup with its download, a copy off a
 *                      unit. A step writes once and reads at most twice around it (is it there, measure it), so write-timeout
 *                      plus two read-timeouts must stay 5 minutes inside the job lock: 30m + 2 × 10m by default
 * @param juju          the juju program on the Juju host
 */
@Validated
@ConfigurationProperties("dayshift.adapters.backup")
record BackupProperties(
        @NotNull @DefaultValue("10m") Duration readTimeout,
        @NotNull @DefaultValue("30m") Duration writeTimeout,
        @NotBlank @DefaultValue("juju") String juju) {

    static BackupProperties defaults() {
        return new BackupProperties(Duration.ofMinutes(10), Duration.ofMinutes(30), "juju");
    }

    List<BlockingTimeout> blockingTimeouts() {
        return List.of(new BlockingTimeout("dayshift.adapters.backup.write-timeout + 2 × read-timeout (one part step: look, write, measure)",
                writeTimeout.plus(readTimeout.multipliedBy(2))));
    }
}
