package io.dayshift.evidence;

/**
 * The run's evidence journal, as the code that acts sees it: the adapters record each call that reaches a site where they
 * make it ({@link #record(Call)}); the approval and calendar code records each decision ({@link DecisionJournal}). Nobody
 * re-describes a call in their own words. The run and the step come from the engine, never
 * from parameters: the run is the outermost run of the call chain ({@code RunLog.run}: a part such as await-operation
 * journals into its caller's run), the step the BPMN element being executed.
 *
 * <p>An entry is written in the transaction of the step that made it: a step rolled back leaves no entry claiming it
 * happened — but a call cannot be taken back (the SSH command ran, the POST was sent), so when the step's transaction
 * rolls back, the journal writes the call again, in a transaction of its own, as {@code CALL_NOT_COMMITTED}: made, and
 * its step did not commit. A call made outside any run (a health endpoint, the lab's set-up, a test calling an adapter
 * directly) is not journaled: there is no run it could be evidence of.
 */
public interface Journal {

    /** Records a call the current step made; outside a run, nothing. */
    void record(Call call);
}
