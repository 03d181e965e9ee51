package io.dayshift.machine;

/**
 * MAAS refused an operation because the machine is not in a state for it (HTTP 409, or 400 "… is not
 * available because of the current state of the node"): commissioning a deployed machine, releasing a
 * machine that is commissioning, powering on a machine nobody allocated, no machine available to allocate.
 * A business outcome a runbook may catch, not a technical failure. The message names the site, the machine,
 * the operation and MAAS's reason.
 */
public class MachineStateConflictException extends RuntimeException {

    private final String site;
    private final String machine;
    private final String operation;

    public MachineStateConflictException(String site, String machine, String operation, String message) {
        super(message);
        this.site = site;
        this.machine = machine;
        this.operation = operation;
    }

    public String site() {
        return site;
    }

    /** The machine as named in the message: {@code hostname (system_id)} or what the runbook gave. */
    public String machine() {
        return machine;
    }

    public String operation() {
        return operation;
    }
}
