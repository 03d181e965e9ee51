package io.dayshift.adapter.kolla;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.adapters.kolla.*}.
 *
 * @param executable       the kolla-ansible program on the deployer (often inside a virtualenv:
 *                         {@code /opt/kolla-venv/bin/kolla-ansible})
 * @param fileTimeout      reading, copying and writing inventory and globals; {@code --version}
 * @param prechecksTimeout {@code prechecks}
 * @param pullTimeout      {@code pull}
 * @param playbookTimeout  bootstrap-servers, deploy, upgrade, reconfigure, stop, MariaDB backup and recovery
 * @param logTailChars     how much of the end of the output is kept as evidence
 * @param versionCacheTtl  how long the detected kolla-ansible version of a site is trusted
 */
@Validated
@ConfigurationProperties("dayshift.adapters.kolla")
record KollaProperties(
        @NotBlank @DefaultValue("kolla-ansible") String executable,
        @NotNull @DefaultValue("2m") Duration fileTimeout,
        @NotNull @DefaultValue("30m") Duration prechecksTimeout,
        @NotNull @DefaultValue("2h") Duration pullTimeout,
        @NotNull @DefaultValue("6h") Duration playbookTimeout,
        @Min(1000) @DefaultValue("20000") int logTailChars,
        @NotNull @DefaultValue("1h") Duration versionCacheTtl) {

    static KollaProperties defaults() {
        return new KollaProperties("kolla-ansible", Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6), 20000,
                Duration.ofHours(1));
    }
}
