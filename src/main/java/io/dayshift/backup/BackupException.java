package io.dayshift.backup;

/** A backup command could not be run or failed on a host: a technical failure (retries, then an incident). */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
