package io.dayshift.runbook.await;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerSummary;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An instance booting: ACTIVE (on the host it was pinned to, when it was pinned) ends well; ERROR, gone, or ACTIVE on
 * another host fails; anything else (BUILD, spawning) is still running.
 */
@Component
public class InstanceActiveProbe extends OperationProbe {

    public static final String KIND = "instance-active";

    private final ComputeCloud compute;

    InstanceActiveProbe(Sites sites, ComputeCloud compute) {
        super(KIND, "openstack", sites);
        this.compute = compute;
    }

    /** The operation of an instance that was asked to boot, pinned to {@code host} or (empty) placed by the scheduler. */
    public static Operation operation(String site, String name, String serverId, String host) {
        Map<String, String> handle = new HashMap<>(Map.of("serverId", serverId));
        if (host != null && !host.isEmpty()) {
            handle.put("host", host);
        }
        return new Operation(KIND, site, host == null ? "" : host, "instance " + name + " (" + serverId + ") becoming ACTIVE", handle);
    }

    @Override
    protected Look look(Operation operation, Site site) {
        String id = operation.require("serverId");
        Optional<String> pinned = Optional.ofNullable(operation.handle().get("host"));
        Optional<ServerSummary> server = compute.server(site, id);
        if (server.isEmpty()) {
            return Look.failed("instance " + id + " is gone");
        }
        ServerSummary s = server.get();
        String detail = "instance " + id + " is " + s.status() + s.taskState().map(t -> " (" + t + ")").orElse("") + " on " + s.host().orElse("no host");
        if (s.status().equals("ERROR")) {
            return Look.failed(detail);
        }
        if (s.status().equals("ACTIVE")) {
            boolean onHost = pinned.isEmpty() || s.host().equals(pinned);
            return onHost ? Look.succeeded(detail) : Look.failed(detail + ", not on " + pinned.get());
        }
        return Look.running(detail);
    }
}
