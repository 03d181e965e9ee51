package io.dayshift.runbook.backup;

/** The process key and element ids of {@code processes/daily-backup.bpmn}, once. */
public final class DailyBackupIds {

    public static final String PROCESS_KEY = "daily-backup";

    public static final String START_EVENT = "StartEvent_DailyBackupDue";
    public static final String BACK_UP_EACH_SITE = "Task_BackUpEachSite";
    public static final String END_EVENT = "EndEvent_DailyBackupDone";

    private DailyBackupIds() {
    }
}
