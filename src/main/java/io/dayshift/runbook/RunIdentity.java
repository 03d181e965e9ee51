package io.dayshift.runbook;

import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What a runbook's runs are called and how urgent their decisions are, declared by the runbook's own class (e.g.
 * {@code DrainComputeNode}) and applied to every run by one mechanism, {@link RunNames}: the run's business key, which
 * Cockpit lists and Tasklist shows on each of its tasks ({@code drain cn01 @ lab}, {@code sev1 lab: API down}), and the
 * priority and due date of the tasks people decide in it.
 */
public interface RunIdentity {

    /** The most characters of one start value a name quotes. */
    int VALUE_MAX = 60;

    /** The process key of the runbook. */
    String processKey();

    /**
     * The run's name from its start variables: runbook, target and site, e.g. {@code drain cn01 @ lab}. Read through
     * {@link #value} so that a missing or odd value still gives a readable one-line name.
     */
    String name(VariableScope start);

    /** The priority of the tasks of this runbook's runs (Tasklist sorts by it): approvals and the other decisions. */
    default int priority(boolean approval) {
        return approval ? RunNames.APPROVAL_PRIORITY : RunNames.DEFAULT_PRIORITY;
    }

    /**
     * When a task of this runbook's run is due, if the runbook knows better than its site's calendar (which gives an
     * approval the end of the site's current or next window): {@code run} is the execution of this runbook's run the task
     * is part of (the task's own, or the call activity of a called part).
     */
    default Optional<Instant> due(DelegateTask task, DelegateExecution run) {
        return Optional.empty();
    }

    /**
     * What is wrong with a start a person submits that needs no look at a site — an unknown site, a malformed host name, a
     * missing field — so that the start is refused at once, in words ({@link RunNames}); the runbook's own input check still
     * judges everything when the run begins. By default: the site must be configured.
     */
    default void checkStart(VariableScope start, Sites sites, InputProblems problems) {
        problems.site(sites, text(start, RunVariables.SITE.name()));
    }

    /** A start value as text; null when there is none or it is not text. */
    static String text(VariableScope start, String variable) {
        return start.getVariable(variable) instanceof String text ? text : null;
    }

    /** A start value as a name quotes it: one line, at most {@value #VALUE_MAX} characters; {@code ?} when there is none. */
    static String value(VariableScope start, String variable) {
        Object value = start.getVariable(variable);
        String text = value == null ? "" : value.toString().replaceAll("\\p{Cntrl}+", " ").strip();
        if (text.isEmpty()) {
            return "?";
        }
        return text.length() > VALUE_MAX ? text.substring(0, VALUE_MAX - 1).strip() + "…" : text;
    }
}
