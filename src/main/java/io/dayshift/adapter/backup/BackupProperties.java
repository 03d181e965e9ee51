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
 * @param writeTimeout  one artefact written: a dump, an archive, a snapshot, a controller backup with its download; 45m by default
 *                      so that it stays inside the default one-hour job lock
 * @param juju          the juju program on the Juju host
 */
@Validated
@ConfigurationProperties("dayshift.adapters.backup")
record BackupProperties(
        @NotNull @DefaultValue("15m") Duration readTimeout,
        @NotNull @DefaultValue("45m") Duration writeTimeout,
        @NotBlank @DefaultValue("juju") String juju) {

    static BackupProperties defaults() {
        return new BackupProperties(Duration.ofMinutes(15), Duration.ofMinutes(45), "juju");
    }

    List<BlockingTimeout> blockingTimeouts() {
        return List.of(new BlockingTimeout("dayshift.adapters.backup.read-timeout", readTimeout),
                new BlockingTimeout("dayshift.adapters.backup.write-timeout", writeTimeout));
    }
}
