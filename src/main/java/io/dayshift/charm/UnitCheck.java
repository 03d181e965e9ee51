package io.dayshift.charm;

import java.util.List;

/**
 * The answer of {@link CharmModel#checkUnit}: one look at the model, no waiting.
 *
 * @param unit      the unit checked
 * @param machine   its machine ({@code ""} if none yet)
 * @param readiness READY, WAITING or FAILED
 * @param summary   one line for a human: what is ready, what is awaited, or what failed (naming the unit)
 * @param pending   the units (the unit and/or its subordinates) not yet active/idle, each with its status
 */
public record UnitCheck(String unit, String machine, Readiness readiness, String summary, List<String> pending) {

    public UnitCheck {
        pending = List.copyOf(pending);
    }

    public boolean ready() {
        return readiness == Readiness.READY;
    }

    public boolean failed() {
        return readiness == Readiness.FAILED;
    }
}
