package io.dayshift.runbook.drain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each instance of a host is expected to go, or why they cannot all go.
 *
 * @param host        the host to empty
 * @param zone        its availability zone
 * @param moves       instance id → the host it is expected to land on (Nova's scheduler decides in the end)
 * @param unplaceable instances no host can take, each with the reason
 * @param reserves    each zone the drain touches (the host's own and every zone an instance moves to) and each set of
 *                    aggregate hosts a drained instance is pinned to, with its reserve
 * @param loads       each other enabled, up host's use before and after the moves
 * @param warnings    hosts that would end above a usage threshold, by how much: the approver is told, the drain is not refused
 */
public record DrainPlan(String host, String zone, Map<String, String> moves, Map<String, String> unplaceable, List<Reserve> reserves,
                        List<HostLoad> loads, List<String> warnings) {

    public DrainPlan {
        moves = Map.copyOf(moves);
        unplaceable = Collections.unmodifiableMap(new LinkedHashMap<>(unplaceable)); // the planner's order (largest first), as the problems list them
        reserves = List.copyOf(reserves);
        loads = List.copyOf(loads);
        warnings = List.copyOf(warnings);
    }

    /** Every instance has a place and every zone and aggregate the drain touches keeps its reserve. */
    public boolean feasible() {
        return unplaceable.isEmpty() && reserves.stream().allMatch(Reserve::kept);
    }

    /** The reasons the drain cannot go ahead, with the numbers, one line each; empty when feasible. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        unplaceable.forEach((instance, reason) -> problems.add(instance + ": " + reason));
        for (Reserve r : reserves) {
            if (!r.kept()) {
                problems.add("after the moves " + r.scope() + " would keep " + r.freeAfter() + " free on " + r.hosts()
                        + " other host(s), less than the reserve of " + r.reserve());
            }
        }
        return problems;
    }
}
