package io.dayshift.runbook.healthcheck;

/**
 * One thing the check found.
 *
 * @param check   which check found it, e.g. {@code compute-services}
 * @param health  how bad it is
 * @param subject what it is about: a host, an agent, a unit
 * @param message what is wrong, with the numbers
 */
public record Finding(String check, Health health, String subject, String message) {
}
