package io.dayshift.runbook.drain;

/** An amount of the three resources Nova schedules on. */
public record Resources(long vcpus, long ramMb, long diskGb) {

    public static final Resources NONE = new Resources(0, 0, 0);

    public Resources plus(Resources other) {
        return new Resources(vcpus + other.vcpus, ramMb + other.ramMb, diskGb + other.diskGb);
    }

    public Resources minus(Resources other) {
        return new Resources(vcpus - other.vcpus, ramMb - other.ramMb, diskGb - other.diskGb);
    }

    public Resources times(long factor) {
        return new Resources(vcpus * factor, ramMb * factor, diskGb * factor);
    }

    /** True when this amount fits into {@code room} on every resource. */
    public boolean fitsIn(Resources room) {
        return vcpus <= room.vcpus && ramMb <= room.ramMb && diskGb <= room.diskGb;
    }

    @Override
    public String toString() {
        return vcpus + " vCPU, " + ramMb + " MiB RAM, " + diskGb + " GiB disk";
    }
}
