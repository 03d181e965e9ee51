package io.dayshift.lab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The Ceph cluster of a simulated site: its fsid, monitors, OSDs per host and flags. */
public final class CephState extends ServiceState {

    String cephFsid = "";
    final List<String> cephMonitors = new ArrayList<>();
    final Map<String, Integer> cephOsdsByHost = new LinkedHashMap<>();
    final Set<String> cephFlags = new LinkedHashSet<>();

    CephState(LabSite site) {
        super(site);
    }

    public Optional<CephStatus> status() {
        synchronized (site) {
            advance();
            if (cephFsid.isEmpty()) {
                return Optional.empty();
            }
            int osds = cephOsdsByHost.values().stream().mapToInt(Integer::intValue).sum();
            int up = cephOsdsByHost.entrySet().stream().filter(e -> !site.hostDown(e.getKey())).mapToInt(Map.Entry::getValue).sum();
            List<String> checks = new ArrayList<>();
            cephFlags.forEach(f -> checks.add("OSDMAP_FLAGS: " + f + " flag(s) set"));
            if (up < osds) {
                checks.add("OSD_DOWN: " + (osds - up) + " osds down");
            }
            holds(FaultType.CEPH_UNHEALTHY).ifPresent(f -> checks.add(f.messageOr("PG_DEGRADED: Degraded data redundancy: 112/3360 objects degraded (3.333%)")));
            Optional<LabFault> error = holds(FaultType.CEPH_ERROR); // daily health check
            error.ifPresent(f -> checks.add(f.messageOr("PG_AVAILABILITY: Reduced data availability: 12 pgs inactive, 12 pgs down")));
            String health = error.isPresent() ? "HEALTH_ERR" : checks.isEmpty() ? "HEALTH_OK" : "HEALTH_WARN";
            return Optional.of(new CephStatus(cephFsid, health, checks, cephMonitors, osds, up, cephFlags));
        }
    }

    /** {@code ceph osd set|unset <flag>}; returns false when nothing changed. */
    public boolean setCephFlag(String flag, boolean set) {
        synchronized (site) {
            boolean changed = set ? cephFlags.add(flag) : cephFlags.remove(flag);
            if (changed) {
                count(set ? "ceph-set-" + flag : "ceph-unset-" + flag, "");
            }
            return changed;
        }
    }
}
