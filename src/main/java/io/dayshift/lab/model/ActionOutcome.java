package io.dayshift.lab.model;

import java.util.Map;

/**
 * A charm action's result as Juju reports it.
 *
 * @param status  {@code completed} or {@code failed}
 * @param results the action's results (without return-code/stdout/stderr)
 */
public record ActionOutcome(String id, String unit, String action, String status, String message, Map<String, String> results, int returnCode,
                            String stdout, String stderr) {

    public ActionOutcome {
        results = Map.copyOf(results);
    }

    public boolean completed() {
        return status.equals("completed");
    }
}
