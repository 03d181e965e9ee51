package io.dayshift.compute;

/**
 * What the allocations on a Placement resource provider use of one resource class
 * ({@code GET /resource_providers/{uuid}/usages}).
 *
 * @param resourceClass e.g. {@code VCPU}, {@code MEMORY_MB}, {@code DISK_GB}
 * @param used          the sum of the allocations of that class
 */
public record ResourceUsage(String resourceClass, long used) {
}
