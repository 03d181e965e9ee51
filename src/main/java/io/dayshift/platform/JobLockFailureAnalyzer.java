package io.dayshift.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows {@link JobLockGuard}'s refusal as one message instead of a bean-creation stack trace. */
class JobLockFailureAnalyzer extends AbstractFailureAnalyzer<JobLockTooShortException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JobLockTooShortException cause) {
        return new FailureAnalysis(cause.getMessage(), "Change one of the settings named above and start again.", cause);
    }
}
