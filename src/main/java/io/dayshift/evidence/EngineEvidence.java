package io.dayshift.evidence;

import io.dayshift.engine.BuiltIntoModels;
import io.dayshift.engine.HistoryHandlers;
import io.dayshift.engine.RunLog;
import io.dayshift.evidence.EvidenceStore.Where;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the engine itself journals, from one place rather than from each delegate:
 * <ul>
 *   <li>every failed job ({@link Entry#JOB_FAILED}: the step, the job's retries left, the failure's message) and every
 *       incident, created, resolved (its job given retries again) or deleted ({@link Entry#INCIDENT_CREATED} …), from the
 *       engine's history events (a history event handler next to the engine's own, in the transaction that records
 *       them);</li>
 *   <li>the end of every run ({@link Entry#RUN_ENDED}: completed, or cancelled and why, with its summary), after which its
 *       last hash is chained into its site's chain ({@link EvidenceStore#close}) — built into every model as it is
 *       deployed (an end listener no model can forget). A part of a run (a process not startable on its own, such as
 *       await-operation) journals into its caller's run and does not end it.</li>
 * </ul>
 */
@Component
class EngineEvidence extends AbstractProcessEnginePlugin {

    private final ObjectProvider<EngineJournal> journal;
    private final ObjectProvider<EvidenceStore> store;

    EngineEvidence(ObjectProvider<EngineJournal> journal, ObjectProvider<EvidenceStore> store) {
        this.journal = journal;
        this.store = store;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        HistoryHandlers.add(configuration, new Handler());
        BuiltIntoModels.add(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element element, ProcessDefinitionEntity process) {
                ExecutionListener ended = EngineEvidence.this::ended;
                process.addBuiltInListener(ExecutionListener.EVENTNAME_END, ended);
            }
        });
    }

    private void ended(DelegateExecution execution) {
        if (!RunLog.run(execution).getId().equals(execution.getProcessInstanceId())) {
            return; // a part of its caller's run
        }
        ExecutionEntity instance = (ExecutionEntity) execution.getProcessInstance();
        Where where = EngineJournal.where(instance, instance.getActivityId());
        String outcome = instance.isCanceled() ? "cancelled" : "completed";
        String why = instance.isCanceled() && instance.getDeleteReason() != null ? instance.getDeleteReason() : "";
        String summary = RunLog.SUMMARY.find(instance).orElse("");
        journal.getObject().recordEngine(where, Entry.RUN_ENDED, where.site(), "run of " + where.runbook() + " ended", outcome,
                String.join(why.isEmpty() || summary.isEmpty() ? "" : "; ", why, summary));
        store.getObject().close(where, RunLog.now());
    }

    /** The engine's history events that are evidence: failed jobs and incidents. */
    private final class Handler implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricJobLogEvent job && job.isFailureLog()) {
                String step = job.getFailedActivityId() != null ? job.getFailedActivityId() : job.getActivityId();
                where(event, step).ifPresent(where -> journal.getObject().recordEngine(where, Entry.JOB_FAILED, "",
                        "job " + job.getJobDefinitionType() + " failed",
                        // the event carries the retries the job had when it failed, this try included
                        "retries left " + Math.max(0, job.getJobRetries() - 1), job.getJobExceptionMessage()));
            } else if (event instanceof HistoricIncidentEventEntity incident) {
                String kind = event.isEventOfType(HistoryEventTypes.INCIDENT_CREATE) ? Entry.INCIDENT_CREATED
                        : event.isEventOfType(HistoryEventTypes.INCIDENT_RESOLVE) ? Entry.INCIDENT_RESOLVED
                        : event.isEventOfType(HistoryEventTypes.INCIDENT_DELETE) ? Entry.INCIDENT_DELETED : null;
                if (kind != null) {
                    where(event, incident.getActivityId()).ifPresent(where -> journal.getObject().recordEngine(where, kind, "",
                            "incident " + incident.getIncidentType(), kind.substring("INCIDENT_".length()).toLowerCase(),
                            incident.getIncidentMessage()));
                }
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }

        /** The run of the event's process instance; empty for an event of no process instance (a job of no run). */
        private java.util.Optional<Where> where(HistoryEvent event, String step) {
            String instance = event.getProcessInstanceId();
            CommandContext context = Context.getCommandContext();
            if (instance == null || context == null) {
                return java.util.Optional.empty();
            }
            ExecutionEntity execution = context.getExecutionManager().findExecutionById(instance);
            if (execution == null) {
                return java.util.Optional.of(new Where(instance, step, SiteLink.NO_SITE, event.getProcessDefinitionKey() == null ? ""
                        : event.getProcessDefinitionKey()));
            }
            return java.util.Optional.of(EngineJournal.where(execution, step));
        }
    }
}
