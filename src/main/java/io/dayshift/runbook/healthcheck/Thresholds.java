package io.dayshift.runbook.healthcheck;

/** Usage above which a hypervisor is amber, in percent of its capacity under the allocation ratios. */
public record Thresholds(int cpuPercent, int ramPercent, int diskPercent) {

    /** The operations guide's daily check: CPU above 70 %, RAM above 80 %, disk above 75 %. */
    public static final Thresholds SEED = new Thresholds(70, 80, 75);
}
