package io.dayshift.adapter.kolla;

import io.dayshift.shell.Arg;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.adapters.kolla.*}. kolla-ansible itself runs detached on the deployer and has no timeout here: a
 * runbook's boundary timer is its deadline. Every SSH call this adapter makes is short and bounded by {@code fileTimeout}.
 *
 * @param executable      the kolla-ansible program on the deployer (often inside a virtualenv:
 *                        {@code /opt/kolla-venv/bin/kolla-ansible})
 * @param fileTimeout     each SSH call: reading, copying and writing inventory and globals, {@code --version}, starting a
 *                        run and checking it
 * @param runDirectory    where detached runs keep their files on the deployer, one directory per run id; created with
 *                        mode 700, and refused unless it is a real directory of the SSH user
 * @param logTailChars    how much of the end of a run's log is kept as evidence
 * @param versionCacheTtl how long the detected kolla-ansible version of a site is trusted
 */
@Validated
@ConfigurationProperties("dayshift.adapters.kolla")
record KollaProperties(
        @NotBlank @DefaultValue("kolla-ansible") String executable,
        @NotNull @DefaultValue("2m") Duration fileTimeout,
        @NotBlank @DefaultValue("/var/tmp/dayshift/kolla-runs") String runDirectory,
        @Min(1000) @DefaultValue("20000") int logTailChars,
        @NotNull @DefaultValue("1h") Duration versionCacheTtl) {

    KollaProperties {
        if (runDirectory != null && (!Arg.PATH.accepts(runDirectory) || runDirectory.replaceAll("/+$", "").isEmpty())) {
            throw new IllegalArgumentException("dayshift.adapters.kolla.run-directory must be an absolute path of its own such as "
                    + "/var/tmp/dayshift/kolla-runs (letters, digits, '.', '_', '-', '+', '@'), got: " + runDirectory);
        }
    }

    static KollaProperties defaults() {
        return new KollaProperties("kolla-ansible", Duration.ofMinutes(2), "/var/tmp/dayshift/kolla-runs", 20000, Duration.ofHours(1));
    }
}
