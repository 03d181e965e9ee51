package io.dayshift.runbook;

import io.dayshift.engine.OwnTables;
import io.dayshift.platform.Housekeeping;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one reminder of a decision that has waited longer than {@code dayshift.notify.remind-after}.
 * <p>
 * Why a table and not an engine timer: a reminder is claimed by inserting the task's id into
 * {@value #TABLE}, whose primary key lets exactly one insert win — on this node or any other, before or after a restart —
 * so each task is reminded once however many nodes look. The open tasks themselves are the engine's, in the same
 * database, so a restarted service finds what still waits, and a task decided in time is simply no longer there to
 * remind. An engine timer job per task would do the same, but would add a job to every waiting run, where the people
 * repairing runs (and the job queries of the tests) would see a job that is not a step of the runbook.
 * A node that dies between claiming a reminder and sending it leaves that one decision without a reminder, never with two.
 * Every node looks every quarter of remind-after, and at least once a minute; a claim outlives its task only until the next look.
 */
@Component
class DecisionReminders extends Housekeeping {

    static final String TABLE = "dayshift_decision_reminder";
    private static final Logger LOG = LoggerFactory.getLogger(DecisionReminders.class);
    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final ObjectProvider<ProcessEngine> engine;
    private final DecisionNotices notices;
    private final DecisionNoticeProperties properties;

    DecisionReminders(JdbcTemplate jdbc, ObjectProvider<ProcessEngine> engine, DecisionNotices notices, DecisionNoticeProperties properties) {
        super("dayshift-decision-reminders", properties.checkInterval());
        this.jdbc = jdbc;
        this.engine = engine;
        this.notices = notices;
        this.properties = properties;
        createTable();
    }

    private void createTable() {
        OwnTables.create(jdbc, TABLE, "task_id VARCHAR(64) NOT NULL PRIMARY KEY, "
                + "reminded_at TIMESTAMP NOT NULL");
    }

    /**
     * Reminds every decision that has waited longer than remind-after and was not reminded yet (by any node), and forgets
     * the claims of tasks no longer open. Returns how many reminders this node claimed.
     */
    int remindDue() {
        TaskService tasks = engine.getObject().getTaskService();
        Instant now = ClockUtil.getCurrentTime().toInstant();
        List<Task> due = tasks.createTaskQuery().active().taskCreatedBefore(Date.from(now.minus(properties.remindAfter())))
                .orderByTaskCreateTime().asc().listPage(0, BATCH);
        Set<String> claimed = new HashSet<>(jdbc.queryForList("SELECT task_id FROM " + TABLE, String.class));
        int reminded = 0;
        for (Task task : due) {
            if (task.getProcessInstanceId() != null && !claimed.contains(task.getId()) && claim(task.getId(), now)) {
                notices.remind(task.getId(), properties.remindAfter());
                reminded++;
            }
        }
        forgetClosed(tasks, claimed);
        return reminded;
    }

    private boolean claim(String taskId, Instant now) {
        try {
            return jdbc.update("INSERT INTO " + TABLE + " (task_id, reminded_at) VALUES (?, ?)", taskId, Timestamp.from(now)) == 1;
        } catch (DuplicateKeyException another) {
            return false;
        }
    }

    private void forgetClosed(TaskService tasks, Set<String> claimed) {
        List<String> ids = new ArrayList<>(claimed);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
            Set<String> open = new HashSet<>();
            tasks.createTaskQuery().taskIdIn(chunk.toArray(String[]::new)).list().forEach(t -> open.add(t.getId()));
            chunk.stream().filter(id -> !open.contains(id)).forEach(id -> jdbc.update("DELETE FROM " + TABLE + " WHERE task_id = ?", id));
        }
    }

    @Override
    protected void round() {
        remindDue();
    }
}
