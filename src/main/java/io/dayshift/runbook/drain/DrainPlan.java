package io.dayshift.runbook.drain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where each instance of a host is expected to go, or why they cannot all go.
 *
 * @param host        the host to empty
 * @param moves       instance id → the host it is expected to land on (Nova's scheduler decides in the end)
 * @param unplaceable instances no host can take, each with the reason
 * @param reserve     what must stay free on the remaining hosts afterwards (the site's N+k reserve)
 * @param freeAfter   what would stay free on the remaining hosts after the moves
 */
public record DrainPlan(String host, Map<String, String> moves, Map<String, String> unplaceable, Resources reserve, Resources freeAfter) {

    public DrainPlan {
        moves = Map.copyOf(moves);
        unplaceable = Map.copyOf(unplaceable);
    }

    /** Every instance has a place and the reserve is kept. */
    public boolean feasible() {
        return unplaceable.isEmpty() && reserve.fitsIn(freeAfter);
    }

    /** The reasons the drain cannot go ahead, with the numbers, one line each; empty when feasible. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        unplaceable.forEach((instance, reason) -> problems.add(instance + ": " + reason));
        if (!reserve.fitsIn(freeAfter)) {
            problems.add("after the moves " + freeAfter + " would stay free on the other hosts, less than the reserve of " + reserve);
        }
        return problems;
    }
}
