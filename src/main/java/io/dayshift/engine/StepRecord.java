package io.dayshift.engine;

import java.time.Instant;

/**
 * What one step did, for auditors: which element, what it called (a command line or an API call),
 * on which target, with what result, the exit code where there is one, and the redacted tail of its
 * output as evidence.
 */
public record StepRecord(
        String step,
        String action,
        String target,
        String result,
        Integer exitCode,
        String evidence,
        Instant at) {
}
