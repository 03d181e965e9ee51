package io.dayshift.runbook.commission;

import io.dayshift.machine.CommissioningState;
import io.dayshift.machine.ScriptResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The text an ops lead reads before deciding about a machine: what MAAS shows and each failed script's result. */
final class FailureReports {

    private FailureReports() {
    }

    /** {@code refused}: MAAS's answer when it refused the request to commission. */
    static String of(CommissioningState state, Optional<String> refused, List<ScriptResult> failed) {
        StringBuilder text = new StringBuilder();
        String machine = state.hostname().isEmpty() ? state.systemId() : state.hostname() + " (" + state.systemId() + ")";
        if (refused.isPresent()) {
            text.append(machine).append(" is ").append(state.status().label()).append(": MAAS refused to commission it: ").append(refused.get());
        } else if (state.phase() == CommissioningState.Phase.NOT_COMMISSIONING) {
            text.append(machine).append(" is ").append(state.status().label()).append(": someone else acted on it in MAAS.");
        } else {
            text.append(machine).append(" is ").append(state.status().label()).append(".");
        }
        if (!state.statusMessage().isEmpty()) {
            text.append(" MAAS: ").append(state.statusMessage());
        }
        for (ScriptResult script : failed) {
            text.append("\n\n").append(script.name()).append(" (").append(script.phase().name().toLowerCase(Locale.ROOT)).append("): ")
                    .append(script.status().label()).append(", exit code ").append(script.exited() ? String.valueOf(script.exitStatus()) : "none");
            if (!script.outputTail().isEmpty()) {
                text.append("\n").append(script.outputTail().stripTrailing());
            }
        }
        return text.toString();
    }
}
