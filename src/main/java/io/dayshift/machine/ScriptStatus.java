package io.dayshift.machine;

/** The status of one commissioning or testing script, with MAAS's numeric code and label. */
public enum ScriptStatus implements MaasCode {
    PENDING(0, "Pending"),
    RUNNING(1, "Running"),
    PASSED(2, "Passed"),
    FAILED(3, "Failed"),
    TIMEDOUT(4, "Timed out"),
    ABORTED(5, "Aborted"),
    DEGRADED(6, "Degraded"),
    INSTALLING(7, "Installing dependencies"),
    FAILED_INSTALLING(8, "Failed installing dependencies"),
    SKIPPED(9, "Skipped"),
    APPLYING_NETCONF(10, "Applying custom network configuration"),
    FAILED_APPLYING_NETCONF(11, "Failed to apply custom network configuration"),
    UNKNOWN(-1, "Unknown");

    private final int code;
    private final String label;

    ScriptStatus(int code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }

    /** MAAS counts these as failures (failed, timed out, failed installing, failed network configuration). */
    public boolean failed() {
        return this == FAILED || this == TIMEDOUT || this == FAILED_INSTALLING || this == FAILED_APPLYING_NETCONF;
    }

    public static ScriptStatus ofCode(int code) {
        return MaasCode.ofCode(ScriptStatus.class, code, UNKNOWN);
    }
}
