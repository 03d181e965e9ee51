package io.dayshift.machine;

/**
 * Where a machine's commissioning stands, for a runbook that started it and polls with a timer.
 *
 * @param systemId            the machine's MAAS id
 * @param hostname            the machine's hostname
 * @param status              MAAS's machine status
 * @param phase               what the status means for the runbook
 * @param commissioningStatus MAAS's summary of the current commissioning scripts, e.g. {@code Running}, {@code Failed}
 * @param testingStatus       MAAS's summary of the current testing scripts, e.g. {@code Pending}, {@code Passed}
 * @param statusMessage       MAAS's last status message
 */
public record CommissioningState(
        String systemId,
        String hostname,
        MachineStatus status,
        Phase phase,
        String commissioningStatus,
        String testingStatus,
        String statusMessage) {

    public enum Phase {
        /** Commissioning or testing scripts are still running: check again later. */
        IN_PROGRESS,
        /** The machine is Ready: commissioning and its tests passed. */
        SUCCEEDED,
        /** Failed commissioning or failed testing: the failed scripts say why. */
        FAILED,
        /** The machine is in a state commissioning does not lead to (Broken, Deployed, New…): someone else acted. */
        NOT_COMMISSIONING
    }

    public static Phase phaseOf(MachineStatus status) {
        return switch (status) {
            case COMMISSIONING, TESTING -> Phase.IN_PROGRESS;
            case READY -> Phase.SUCCEEDED;
            case FAILED_COMMISSIONING, FAILED_TESTING -> Phase.FAILED;
            default -> Phase.NOT_COMMISSIONING;
        };
    }

    public boolean finished() {
        return phase != Phase.IN_PROGRESS;
    }

    public boolean succeeded() {
        return phase == Phase.SUCCEEDED;
    }
}
