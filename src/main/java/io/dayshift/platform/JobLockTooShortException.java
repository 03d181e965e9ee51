package io.dayshift.platform;

/** The job lock is not longer than some blocking call by the margin; the message names both settings. */
class JobLockTooShortException extends IllegalStateException {

    JobLockTooShortException(String message) {
        super(message);
    }
}
