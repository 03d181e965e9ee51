package io.dayshift.runbook.drain;

/**
 * What a set of hosts the drained instances are bound to keeps free after a drain, against its N+k reserve. Instances
 * stay in their availability zone, and on the hosts of the aggregates their flavor pins them to, so the reserve is kept
 * per zone and per such set: room elsewhere cannot take them.
 *
 * @param scope     which hosts: {@code availability zone az1}, {@code hosts in az1 of aggregates with ssd=true}
 * @param hosts     how many enabled, up hosts (other than the drained one) it has
 * @param reserve   {@code reserveHosts} times its largest host: what must stay free
 * @param freeAfter what its hosts would keep free after the moves
 */
public record Reserve(String scope, int hosts, Resources reserve, Resources freeAfter) {

    public boolean kept() {
        return reserve.fitsIn(freeAfter);
    }
}
