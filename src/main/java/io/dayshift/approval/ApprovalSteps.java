package io.dayshift.approval;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/** What the model says about an approval step, read from the deployed definition (set there by {@link ApprovalTasks}). */
final class ApprovalSteps {

    /** The activity property holding the variables that make up an approval step's plan. */
    static final String PLAN_VARIABLES = "dayshift.planVariables";

    private ApprovalSteps() {
    }

    /** The approval step {@code step} of the run's definition; refused when the model has no such approval. */
    static ActivityImpl step(DelegateExecution execution, String step) {
        ActivityImpl activity = ((ExecutionEntity) execution).getProcessDefinition().findActivity(step);
        if (activity == null || activity.getProperty(PLAN_VARIABLES) == null) {
            throw new IllegalStateException("the model names '" + step + "' as an approval step, but it has no approval of that id");
        }
        return activity;
    }

    @SuppressWarnings("unchecked")
    static List<String> planVariables(ActivityImpl approval) {
        return (List<String>) approval.getProperty(PLAN_VARIABLES);
    }

    /** The fingerprint of the step's plan as the run holds it now; empty when the step has no plan. */
    static Optional<String> fingerprint(DelegateExecution execution, ActivityImpl approval) {
        List<String> variables = planVariables(approval);
        return variables.isEmpty() ? Optional.empty() : Optional.of(PlanFingerprint.of(execution, variables));
    }

    static String name(ActivityImpl activity) {
        return activity.getName() == null ? activity.getId() : activity.getName();
    }
}
