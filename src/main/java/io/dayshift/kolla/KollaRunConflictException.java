package io.dayshift.kolla;

/**
 * A run id is already taken by a run of another command line: the process reused a run id for a different step, limit
 * or action. Nothing was started; the message names the run id, the site and both command lines.
 */
public class KollaRunConflictException extends KollaException {

    public KollaRunConflictException(String message) {
        super(message);
    }
}
