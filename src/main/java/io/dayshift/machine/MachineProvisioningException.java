package io.dayshift.machine;

/**
 * A technical failure talking to MAAS: unreachable, timed out, refused API key, MAAS unavailable after
 * retries, an unexpected answer. The job retries and then raises an incident; the message names the site,
 * the machine and the operation, and never carries a secret.
 */
public class MachineProvisioningException extends RuntimeException {

    private final int httpStatus;

    public MachineProvisioningException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public MachineProvisioningException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = 0;
    }

    /** MAAS's HTTP status, or 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }
}
