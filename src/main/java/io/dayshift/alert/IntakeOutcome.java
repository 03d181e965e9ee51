package io.dayshift.alert;

/**
 * What the intake did with one alert.
 *
 * @param processInstanceId the run it started or joined, or null
 * @param reason            why it was ignored or only recorded, or null
 */
public record IntakeOutcome(
        String alertname,
        String fingerprint,
        String startsAt,
        String status,
        Result result,
        String businessKey,
        String processInstanceId,
        String reason) {

    public enum Result {
        /** A new run started. */
        STARTED,
        /** The occurrence had started a run already (a repeated or parallel delivery): nothing new. */
        JOINED,
        /** The run waiting for the resolution got the message. */
        RESOLVED,
        /** Resolved, but no run waits for it: noted only. */
        RECORDED,
        /** No run: no rule, no site label, or an unknown site. */
        IGNORED
    }
}
