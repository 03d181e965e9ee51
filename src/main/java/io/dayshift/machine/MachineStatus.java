package io.dayshift.machine;

import java.util.Locale;

/**
 * A MAAS machine's status: MAAS's numeric code and the label MAAS shows for it. The codes are stable
 * across MAAS releases; a code this enum does not know maps to {@link #UNKNOWN} rather than failing.
 */
public enum MachineStatus implements MaasCode {
    NEW(0, "New"),
    COMMISSIONING(1, "Commissioning"),
    FAILED_COMMISSIONING(2, "Failed commissioning"),
    MISSING(3, "Missing"),
    READY(4, "Ready"),
    RESERVED(5, "Reserved"),
    DEPLOYED(6, "Deployed"),
    RETIRED(7, "Retired"),
    BROKEN(8, "Broken"),
    DEPLOYING(9, "Deploying"),
    ALLOCATED(10, "Allocated"),
    FAILED_DEPLOYMENT(11, "Failed deployment"),
    RELEASING(12, "Releasing"),
    FAILED_RELEASING(13, "Releasing failed"),
    DISK_ERASING(14, "Disk erasing"),
    FAILED_DISK_ERASING(15, "Failed disk erasing"),
    RESCUE_MODE(16, "Rescue mode"),
    ENTERING_RESCUE_MODE(17, "Entering rescue mode"),
    FAILED_ENTERING_RESCUE_MODE(18, "Failed to enter rescue mode"),
    EXITING_RESCUE_MODE(19, "Exiting rescue mode"),
    FAILED_EXITING_RESCUE_MODE(20, "Failed to exit rescue mode"),
    TESTING(21, "Testing"),
    FAILED_TESTING(22, "Failed testing"),
    /** A code this version of Dayshift does not know. */
    UNKNOWN(-1, "Unknown");

    private final int code;
    private final String label;

    MachineStatus(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** MAAS's numeric status ({@code status} in the machine JSON). */
    @Override
    public int code() {
        return code;
    }

    /** MAAS's label ({@code status_name} in the machine JSON), e.g. {@code Failed commissioning}. */
    @Override
    public String label() {
        return label;
    }

    /** The value MAAS's machine list filter takes: {@code ready}, {@code failed_commissioning}. */
    public String filterName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MachineStatus ofCode(int code) {
        return MaasCode.ofCode(MachineStatus.class, code, UNKNOWN);
    }
}
