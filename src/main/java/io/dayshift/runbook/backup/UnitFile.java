package io.dayshift.runbook.backup;

/** A file on a Juju unit's machine: where a charm action left it. */
public record UnitFile(String unit, String path) {
}
