package io.dayshift.lab.model;

import io.dayshift.machine.ScriptPhase;
import java.util.List;

/**
 * A machine's commissioning or testing run as MAAS's script results API shows it ({@code nodes/{id}/results/{id}/}).
 *
 * @param id       the set's id, as {@code current_commissioning_result_id} / {@code current_testing_result_id} name it
 * @param systemId the machine
 * @param phase    commissioning or testing
 * @param results  its scripts, in order
 */
public record LabScriptSet(int id, String systemId, ScriptPhase phase, List<LabScriptResult> results) {

    public LabScriptSet {
        results = List.copyOf(results);
    }
}
