package io.dayshift.runbook.healthcheck;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One thing the check found.
 *
 * @param check   which check found it, e.g. {@code compute-services}
 * @param health  how bad it is
 * @param subject what it is about: a host, an agent, a unit
 * @param message what is wrong, with the numbers
 */
public record Finding(String check, Health health, String subject, String message) {

    /** The finding as one line for people: {@code AMBER hypervisor-usage: cn01 RAM at 85 % …}. */
    public String line() {
        return health + " " + check + ": " + subject + " " + message;
    }

    /** The findings, one line each. */
    public static String lines(List<Finding> findings) {
        return findings.stream().map(Finding::line).collect(Collectors.joining("\n"));
    }
}
