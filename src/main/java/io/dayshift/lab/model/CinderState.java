package io.dayshift.lab.model;

import java.util.ArrayList;
import java.util.List;

/** Cinder of a simulated site: its volume services. */
public final class CinderState extends ServiceState {

    final List<VolumeService> volumeServices = new ArrayList<>();

    CinderState(LabSite site) {
        super(site);
    }

    public List<VolumeService> volumeServices() {
        synchronized (site) {
            advance();
            return volumeServices.stream().map(v -> new VolumeService(v.binary(), v.host(), v.zone(), v.enabled(),
                    v.up() && !site.hostDown(v.node()) && holds(FaultType.VOLUME_SERVICE_DOWN, v.node(), v.host()).isEmpty())).toList();
        }
    }
}
