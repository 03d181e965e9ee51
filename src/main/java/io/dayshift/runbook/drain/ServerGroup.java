package io.dayshift.runbook.drain;

/** A Nova server group: {@code anti-affinity} members never share a host, {@code affinity} members always do. */
public record ServerGroup(String id, String name, Policy policy) {

    public enum Policy {
        AFFINITY, ANTI_AFFINITY, SOFT_AFFINITY, SOFT_ANTI_AFFINITY;

        /** Nova's name for it: {@code anti-affinity}, {@code soft-affinity}… */
        public static Policy of(String nova) {
            return valueOf(nova.strip().toUpperCase().replace('-', '_'));
        }
    }
}
