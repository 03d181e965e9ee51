package io.dayshift.evidence;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The run's evidence journal, as the code that records people's decisions sees it (approvals, operator decisions,
 * calendar overrides): given the execution, since a task listener runs outside the engine's execution context. Written in
 * the transaction that records the decision, with the run's other entries ({@link Journal}).
 */
public interface DecisionJournal {

    /** Records a decision taken at {@code step} (a BPMN element id) of the run {@code execution} belongs to. */
    void record(DelegateExecution execution, String step, Decision decision);
}
