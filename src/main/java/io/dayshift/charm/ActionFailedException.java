package io.dayshift.charm;

/** A charm action ran and failed (the charm called action-fail, raised, or Juju gave up on it). */
public class ActionFailedException extends CharmModelException {

    private final String unit;
    private final String action;
    private final String status;

    public ActionFailedException(String message, String unit, String action, String status) {
        super(message);
        this.unit = unit;
        this.action = action;
        this.status = status;
    }

    public String unit() {
        return unit;
    }

    public String action() {
        return action;
    }

    /** Juju's task status: failed, cancelled, aborted, error. */
    public String status() {
        return status;
    }
}
