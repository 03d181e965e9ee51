package io.dayshift.runbook.restore;

/**
 * The ids of {@code processes/await-kolla-run.bpmn}: the wait for a detached kolla-ansible run that a runbook's step
 * started, called with {@code site} and {@code kollaRun} (none: nothing to wait for). A run that fails or is lost throws
 * {@code RESTORE_STEP_FAILED}, which reaches the calling activity. Only rolling-upgrade's rollback still calls it (dr-restore
 * waits with await-operation); this class goes with the model.
 */
public final class AwaitKollaRunIds {

    public static final String PROCESS_KEY = "await-kolla-run";

    public static final String START = "StartEvent_RunStarted";
    public static final String ANYTHING_TO_AWAIT = "Gateway_AnythingToAwait";
    public static final String WAIT_RUN = "Timer_WaitRun";
    public static final String CHECK_RUN = "Task_CheckRun";
    public static final String RUN_ENDED = "Gateway_RunEnded";
    public static final String END_SUCCEEDED = "EndEvent_RunSucceeded";
    public static final String END_NOTHING = "EndEvent_NothingToAwait";

    private AwaitKollaRunIds() {
    }
}
