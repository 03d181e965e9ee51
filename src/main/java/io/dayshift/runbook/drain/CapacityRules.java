package io.dayshift.runbook.drain;

import io.dayshift.runbook.healthcheck.Thresholds;

/**
 * What a drain must respect besides room: the site's N+k reserve, kept in each availability zone the drain touches, and
 * the usage thresholds the health check grades by (a plan that ends a host above one says so, by how much).
 *
 * @param reserveHosts how many of a zone's largest hosts' worth must stay free in the zone ({@code capacity.reserve-hosts})
 * @param thresholds   the health check's usage thresholds ({@code dayshift.health-check.*-percent})
 */
public record CapacityRules(int reserveHosts, Thresholds thresholds) {
}
