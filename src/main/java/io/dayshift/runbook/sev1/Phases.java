package io.dayshift.runbook.sev1;

import java.util.List;
import java.util.Map;

/** The phases of a Sev-1 incident, as the seed's runbook lays them out, and the sub-process of each. */
final class Phases {

    static final String DETECTION = "detection";
    static final String COMMUNICATION = "communication";
    static final String DIAGNOSIS = "diagnosis";
    static final String MITIGATION = "mitigation";
    static final String RESOLUTION = "resolution";

    static final List<String> ALL = List.of(DETECTION, COMMUNICATION, DIAGNOSIS, MITIGATION, RESOLUTION);

    private static final Map<String, String> BY_ACTIVITY = Map.of(
            Sev1Incident.Elements.DETECTION, DETECTION,
            Sev1Incident.Elements.COMMUNICATION, COMMUNICATION,
            Sev1Incident.Elements.DIAGNOSIS, DIAGNOSIS,
            Sev1Incident.Elements.MITIGATION, MITIGATION,
            Sev1Incident.Elements.RESOLUTION, RESOLUTION);

    private Phases() {
    }

    /** The phase of a sub-process id, if it is one. */
    static java.util.Optional<String> of(String activityId) {
        return java.util.Optional.ofNullable(BY_ACTIVITY.get(activityId));
    }

    static String ofActivity(String activityId) {
        String phase = BY_ACTIVITY.get(activityId);
        if (phase == null) {
            throw new IllegalStateException("activity " + activityId + " is not a phase of " + Sev1Incident.PROCESS_KEY);
        }
        return phase;
    }
}
