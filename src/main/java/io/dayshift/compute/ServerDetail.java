package io.dayshift.compute;

import java.util.Map;
import java.util.Optional;

/**
 * A server with what a capacity plan needs besides {@link ServerSummary}: what its flavor takes and the availability
 * zone it is in.
 *
 * @param id               the server's UUID
 * @param name             its display name
 * @param projectId        its project
 * @param status           Nova's status (ACTIVE, SHUTOFF, ERROR, MIGRATING, VERIFY_RESIZE, ...)
 * @param taskState        what Nova is doing to it right now, if anything
 * @param host             the compute host it runs on, if it has one
 * @param availabilityZone {@code OS-EXT-AZ:availability_zone}: the zone of its host
 * @param flavor           what it takes on its host
 */
public record ServerDetail(String id, String name, String projectId, String status, Optional<String> taskState, Optional<String> host,
                           Optional<String> availabilityZone, ServerFlavor flavor) {

    /**
     * The resources a server's flavor takes, as Nova embeds them in the server from compute 2.47 (the flavor may have
     * been deleted or changed since).
     *
     * @param name       the flavor's name when the server was booted or resized ({@code original_name})
     * @param diskGb     root disk plus ephemeral disk plus swap rounded up to GiB: what Placement allocates as {@code DISK_GB}
     * @param extraSpecs the flavor's extra specs as the server keeps them ({@code aggregate_instance_extra_specs:ssd=true}…)
     */
    public record ServerFlavor(String name, long vcpus, long ramMb, long diskGb, Map<String, String> extraSpecs) {

        public ServerFlavor {
            extraSpecs = extraSpecs == null ? Map.of() : Map.copyOf(extraSpecs);
        }
    }
}
