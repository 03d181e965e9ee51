package io.dayshift.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import io.dayshift.lab.LabConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * What a runbook's process test does to the engine and the lab, as the people and the job executor would: log in as a
 * user with their groups, find and complete user tasks, try a four-eyes approval, run the due jobs, move the lab's time.
 * A bean of every {@link RunbookProcessTest}.
 */
public class Runbooks {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final HistoryService history;
    private final IdentityService identity;
    private final RepositoryService repository;
    private final ObjectProvider<MutableClock> clock;
    private int jobsRun;

    Runbooks(RuntimeService runtime, TaskService tasks, ManagementService management, HistoryService history, IdentityService identity,
            RepositoryService repository, @Qualifier(LabConfiguration.CLOCK) ObjectProvider<MutableClock> clock) {
        this.runtime = runtime;
        this.repository = repository;
        this.tasks = tasks;
        this.management = management;
        this.history = history;
        this.identity = identity;
        this.clock = clock;
    }

    /** A user with the test password, member of the given groups. */
    public void user(String user, String... groups) {
        Users.ensure(identity, user, groups);
    }

    /** The user, with their groups, as the engine's authorization checks see a logged-in user. */
    public void login(String user) {
        identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
    }

    public void logout() {
        identity.clearAuthentication();
    }

    /** The user, logged in, starts a run of {@code processKey} with {@code variables}, as from Tasklist. */
    public ProcessInstance start(String user, String processKey, Map<String, Object> variables) {
        login(user);
        try {
            return runtime.startProcessInstanceByKey(processKey, variables);
        } finally {
            logout();
        }
    }

    /**
     * The run's open task of that definition key, or null: in the run itself or in a process it called that is part of it
     * (await-operation, smoke-test-instance, a runbook's own parts: not startable in Tasklist), as the operator sees it in Tasklist.
     */
    public Task task(ProcessInstance run, String key) {
        return tasks.createTaskQuery().processInstanceIdIn(partsOf(run.getId()).toArray(String[]::new)).taskDefinitionKey(key).singleResult();
    }

    /** The run and the processes it called that belong to it: those not startable in Tasklist, as {@code RunLog.run} sees them. */
    private List<String> partsOf(String run) {
        List<String> ids = new java.util.ArrayList<>(List.of(run));
        for (int i = 0; i < ids.size(); i++) {
            history.createHistoricProcessInstanceQuery().superProcessInstanceId(ids.get(i)).unfinished().list().stream()
                    .filter(p -> !repository.getProcessDefinition(p.getProcessDefinitionId()).isStartableInTasklist())
                    .forEach(p -> ids.add(p.getId()));
        }
        return ids;
    }

    /** The user, logged in, claims the run's task {@code key} and completes it with {@code variables}. */
    public void complete(ProcessInstance run, String key, String user, Map<String, Object> variables) {
        Task task = task(run, key);
        assertThat(task).as("task " + key).isNotNull();
        login(user);
        try {
            tasks.claim(task.getId(), user);
            tasks.complete(task.getId(), variables);
        } finally {
            logout();
        }
    }

    /** The user decides the approval {@code key}. */
    public void approve(ProcessInstance run, String key, String user, boolean approved, String reason) {
        complete(run, key, user, Map.of("approve", approved, "approvalReason", reason));
    }

    /** The user decides the operator task {@code key}. */
    public void decide(ProcessInstance run, String key, String user, String decision, String note) {
        complete(run, key, user, Map.of("decision", decision, "note", note));
    }

    /** Whether the user may approve {@code key}: true when the approval went through, false when the engine refused it (four eyes). */
    public boolean tryApprove(ProcessInstance run, String key, String user) {
        try {
            approve(run, key, user, true, "me");
            return true;
        } catch (AuthorizationException refused) {
            return false;
        }
    }

    /** Runs every due job except timers, in every instance (called ones too), until none is left. */
    public void runJobs() {
        runJobsUntil(null);
    }

    /** As {@link #runJobs}, but stops, returning true, as soon as a job of {@code activityId} (a timer or not) is waiting. */
    public boolean runJobsUntil(String activityId) {
        return runJobsUntil(activityId, 500);
    }

    /** As {@link #runJobsUntil(String)}, running at most {@code rounds} jobs before it fails (a long run has many). */
    public boolean runJobsUntil(String activityId, int rounds) {
        for (int round = 0; round < rounds; round++) {
            if (activityId != null && management.createJobQuery().activityId(activityId).count() > 0) {
                return true;
            }
            List<Job> due = management.createJobQuery().executable().list().stream()
                    .filter(j -> management.createJobQuery().jobId(j.getId()).timers().count() == 0).toList();
            if (due.isEmpty()) {
                return false;
            }
            management.executeJob(due.get(0).getId());
            jobsRun++;
        }
        throw new AssertionError("jobs keep coming");
    }

    /** How many jobs {@link #runJobsUntil} has run so far. */
    public int jobsRun() {
        return jobsRun;
    }

    /**
     * Runs the run's one job as the job executor would until its retries are used up (at most five tries), each try failing,
     * so that the engine raises its incident.
     */
    public void exhaustRetries(ProcessInstance run) {
        for (int attempt = 0; attempt < 5 && management.createJobQuery().processInstanceId(run.getId()).withRetriesLeft().count() > 0; attempt++) {
            try {
                management.executeJob(BpmnAwareTests.job(run).getId());
            } catch (RuntimeException expected) {
                // each try fails; the engine counts it
            }
        }
    }

    /** The lab's clock, which stands still until the test moves it. */
    public MutableClock clock() {
        return clock.getObject();
    }

    /** Lets {@code duration} of lab time pass. */
    public void advance(Duration duration) {
        clock().advance(duration);
    }

    /** A variable of the run as history kept it; null when the run never set it. */
    public Object variable(ProcessInstance run, String name) {
        HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery().processInstanceId(run.getId()).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }

    /** The run's summary line. */
    public String summary(ProcessInstance run) {
        return String.valueOf(variable(run, RunLog.SUMMARY.name()));
    }

    /** The run's step records. */
    public List<StepRecord> steps(ProcessInstance run) {
        return ((RunLog.StepRecords) variable(run, RunLog.STEPS.name())).steps();
    }
}
