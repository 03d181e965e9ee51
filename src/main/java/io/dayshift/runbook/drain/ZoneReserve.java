package io.dayshift.runbook.drain;

/**
 * What one availability zone keeps free after a drain, against its N+k reserve. Instances stay in their zone, so the
 * reserve is kept zone by zone: a site with room in another zone cannot take them.
 *
 * @param zone      the availability zone
 * @param hosts     how many enabled, up hosts (other than the drained one) the zone has
 * @param reserve   {@code reserveHosts} times the zone's largest host: what must stay free
 * @param freeAfter what its hosts would keep free after the moves
 */
public record ZoneReserve(String zone, int hosts, Resources reserve, Resources freeAfter) {

    public boolean kept() {
        return reserve.fitsIn(freeAfter);
    }
}
