package io.dayshift.runbook.healthcheck;

/** The process key and element ids of {@code processes/daily-health-check.bpmn}, once. */
public final class DailyHealthCheckIds {

    public static final String PROCESS_KEY = "daily-health-check";

    /** The timer start event (cron from {@code dayshift.health-check.cron}). */
    public static final String START_EVENT = "StartEvent_DailyCheckDue";
    /** The multi-instance call activity: one {@code site-health-check} per site. */
    public static final String CHECK_EACH_SITE = "Task_CheckEachSite";
    public static final String DAILY_CHECK_DONE_END = "EndEvent_DailyCheckDone";

    private DailyHealthCheckIds() {
    }
}
