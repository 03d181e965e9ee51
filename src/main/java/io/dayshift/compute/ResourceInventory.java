package io.dayshift.compute;

/**
 * One Placement inventory of a resource provider ({@code GET /resource_providers/{uuid}/inventories}).
 *
 * @param resourceClass   e.g. {@code VCPU}, {@code MEMORY_MB}, {@code DISK_GB}
 * @param total           the physical amount
 * @param reserved        kept back for the host
 * @param allocationRatio overcommit factor
 * @param maxUnit         the most one allocation may take
 */
public record ResourceInventory(String resourceClass, long total, long reserved, double allocationRatio, long maxUnit) {

    /** What the scheduler may hand out: {@code (total - reserved) * allocationRatio}, rounded down. */
    public long capacity() {
        return (long) Math.floor((total - reserved) * allocationRatio);
    }
}
