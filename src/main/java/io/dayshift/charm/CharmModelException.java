package io.dayshift.charm;

/**
 * A Juju operation failed: the command exited non-zero, its output could not be read, or the model does not hold
 * what the operation needs. The message names the site, the unit or application and the operation, and carries no
 * secret.
 */
public class CharmModelException extends RuntimeException {

    public CharmModelException(String message) {
        super(message);
    }
}
