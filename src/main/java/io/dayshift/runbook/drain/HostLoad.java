package io.dayshift.runbook.drain;

import io.dayshift.runbook.healthcheck.Thresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * A receiving host's use of its capacity before and after the moves, in percent, the way the health check grades it.
 *
 * @param capacity   what it can hold under its allocation ratios
 * @param usedBefore what its instances use now
 * @param usedAfter  what they would use once the planned instances landed
 */
public record HostLoad(String host, String zone, Resources capacity, Resources usedBefore, Resources usedAfter) {

    /** Each resource above its threshold after the moves, with by how much: {@code cn02 would end at 87.5 % of its RAM, 7.5 points over the 80 % threshold}. */
    public List<String> overThresholds(Thresholds thresholds) {
        List<String> over = new ArrayList<>();
        over(over, "vCPU", percent(usedAfter.vcpus(), capacity.vcpus()), thresholds.cpuPercent());
        over(over, "RAM", percent(usedAfter.ramMb(), capacity.ramMb()), thresholds.ramPercent());
        over(over, "disk", percent(usedAfter.diskGb(), capacity.diskGb()), thresholds.diskPercent());
        return over;
    }

    private void over(List<String> over, String resource, double percent, int threshold) {
        if (percent > threshold) {
            over.add(String.format(java.util.Locale.ROOT, "%s would end at %.1f %% of its %s, %.1f points over the %d %% threshold",
                    host, percent, resource, percent - threshold, threshold));
        }
    }

    /** Used over capacity in percent; 0 for a resource the host does not offer. */
    public static double percent(long used, long capacity) {
        return capacity <= 0 ? 0 : 100.0 * used / capacity;
    }
}
