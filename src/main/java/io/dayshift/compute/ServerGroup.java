package io.dayshift.compute;

import java.util.List;

/**
 * A Nova server group ({@code GET /os-server-groups?all_projects=True}).
 *
 * @param policy  {@code anti-affinity}, {@code affinity}, {@code soft-anti-affinity} or {@code soft-affinity}
 *                (Nova's {@code policy} from compute 2.64, the first of {@code policies} before)
 * @param members the ids of the servers in the group
 */
public record ServerGroup(String id, String name, String projectId, String policy, List<String> members) {

    public ServerGroup {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
