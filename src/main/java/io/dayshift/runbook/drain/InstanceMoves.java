package io.dayshift.runbook.drain;

import java.util.ArrayList;
import java.util.List;

/** The run's {@code movedInstances}, in the order the instances settled; one entry per instance. */
public record InstanceMoves(List<InstanceMove> moves) {

    public InstanceMoves {
        moves = moves == null ? List.of() : List.copyOf(moves);
    }

    /** With {@code move} added, replacing an earlier entry of the same instance (a step run twice records once). */
    public InstanceMoves with(InstanceMove move) {
        List<InstanceMove> all = new ArrayList<>(moves.stream().filter(m -> !m.id().equals(move.id())).toList());
        all.add(move);
        return new InstanceMoves(all);
    }

    public long count(String how) {
        return moves.stream().filter(m -> m.how().equals(how)).count();
    }
}
