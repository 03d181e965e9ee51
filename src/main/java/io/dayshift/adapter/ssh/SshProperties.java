package io.dayshift.adapter.ssh;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.adapters.ssh.*}: how the SSH adapter connects and how much output it keeps. The timeout of
 * each command is chosen by the caller (a Juju status is not a Kolla deploy); these are the limits shared by all.
 *
 * @param connectTimeout      TCP connect plus key exchange and authentication
 * @param serverAliveInterval keep-alive probe interval while a long command runs; a dead peer is noticed after
 *                            {@code serverAliveCountMax} missed probes
 * @param serverAliveCountMax missed keep-alive probes before the connection is given up
 * @param maxOutputBytes      per stream (stdout, stderr); beyond it only the tail is kept
 */
@Validated
@ConfigurationProperties("dayshift.adapters.ssh")
record SshProperties(
        @NotNull @DefaultValue("15s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration serverAliveInterval,
        @Min(1) @Max(100) @DefaultValue("4") int serverAliveCountMax,
        @Min(1024) @DefaultValue("4194304") int maxOutputBytes) {

    static SshProperties defaults() {
        return new SshProperties(Duration.ofSeconds(15), Duration.ofSeconds(30), 4, 4 * 1024 * 1024);
    }
}
