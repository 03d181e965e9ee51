package io.dayshift.charm;

/**
 * What {@link CharmModel#restartUnitServices} did.
 *
 * @param unit     the unit
 * @param how      how its charm's services were restarted
 * @param commands the commands run, in order ({@code juju run keystone/0 pause; juju run keystone/0 resume})
 * @param output   what they printed (redacted, bounded)
 */
public record UnitRestart(String unit, ServiceRestart how, String commands, String output) {
}
