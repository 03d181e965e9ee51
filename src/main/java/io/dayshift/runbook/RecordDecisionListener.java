package io.dayshift.runbook;

import io.dayshift.engine.StepRecord;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.evidence.Decision;
import io.dayshift.evidence.DecisionJournal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * On completing an operator's decision task, in every runbook: the decision must be one the task offers and come with a
 * note; it is recorded in the run's log, its evidence journal and its {@code operatorDecisions} with the deciding user's name (a named user: claim
 * the task first), and that name in {@code decidedBy}. The task
 * says what it offers in the model, as properties:
 * <pre>{@code
 * <camunda:property name="decisions" value="retry,roll-back"/>   the decisions offered, or
 * <camunda:property name="decisions-from" value="choices"/>      the variable holding them (a list of OperatorChoices)
 * <camunda:property name="target" value="machine"/>              the variable naming what is decided about (default: site)
 * }</pre>
 * Referenced as {@code <camunda:taskListener event="complete" delegateExpression="${recordDecision}"/>}; what a decision
 * then does is drawn in the model, on the flows after the task.
 */
@Component("recordDecision")
public class RecordDecisionListener implements TaskListener {

    public static final ProcessVariable<String> DECISION = ProcessVariable.string("decision");
    public static final ProcessVariable<String> NOTE = ProcessVariable.string("note");
    /** Who took the decision (a called process maps it out with the decision, e.g. for a summary saying who aborted). */
    public static final ProcessVariable<String> DECIDED_BY = ProcessVariable.string("decidedBy");

    private final DecisionJournal journal;

    RecordDecisionListener(DecisionJournal journal) {
        this.journal = journal;
    }

    @Override
    public void notify(DelegateTask task) {
        List<String> allowed = allowed(task);
        String decision = DECISION.find(task).map(String::strip).orElse("");
        String note = NOTE.find(task).map(String::strip).orElse("");
        if (!allowed.contains(decision)) {
            throw new FormFieldValidationException(DECISION.name(), "'" + task.getName() + "' needs a decision: " + String.join(", ", allowed)
                    + (decision.isEmpty() ? "" : " (not '" + decision + "')"));
        }
        if (note.isEmpty()) {
            throw new FormFieldValidationException(NOTE.name(), "'" + task.getName() + "' needs a note saying why");
        }
        String user = decidingUser(task);
        DECISION.set(task.getExecution(), decision);
        DECIDED_BY.set(task.getExecution(), user);
        String target = property(task, "target").flatMap(name -> ProcessVariable.string(name).find(task))
                .or(() -> ProcessVariable.string("site").find(task)).orElse("");
        RunLog.record(task.getExecution(), new StepRecord(task.getTaskDefinitionKey(), "operator decision: " + decision, target,
                decision + " (by " + user + ")", null, note, RunLog.now()));
        journal.record(task.getExecution(), task.getTaskDefinitionKey(), new Decision(Decision.OPERATOR, user, decision, target, note, ""));
        DelegateExecution run = RunLog.run(task.getExecution());
        RunVariables.OPERATOR_DECISIONS.set(run, RunVariables.OPERATOR_DECISIONS.find(run).orElse(new OperatorDecision.Decisions(List.of()))
                .with(new OperatorDecision(task.getTaskDefinitionKey(), target, decision, note, user, RunLog.now())));
    }

    /** The deciding user: the one logged in, else the assignee; never nobody. */
    public static String decidingUser(DelegateTask task) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String user = current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
        if (user == null) {
            throw new AuthorizationException("'" + task.getName() + "' must be decided by a named user: claim it first");
        }
        return user;
    }

    private static List<String> allowed(DelegateTask task) {
        Optional<String> listed = property(task, "decisions");
        if (listed.isPresent()) {
            return Arrays.stream(listed.get().split(",")).map(String::strip).filter(d -> !d.isEmpty()).toList();
        }
        String variable = property(task, "decisions-from").orElseThrow(() -> new IllegalStateException(
                "task " + task.getTaskDefinitionKey() + " names no decisions (property 'decisions' or 'decisions-from')"));
        return OperatorChoices.values(task.getVariable(variable));
    }

    private static Optional<String> property(DelegateTask task, String name) {
        return property(task.getBpmnModelElementInstance(), name);
    }

    /** A {@code <camunda:property>} of a model element, e.g. a user task's {@code target}. */
    static Optional<String> property(BaseElement element, String name) {
        if (element == null || element.getExtensionElements() == null) {
            return Optional.empty();
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> name.equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .findFirst();
    }
}
