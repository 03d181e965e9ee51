package io.dayshift.runbook;

import io.dayshift.notify.Notification;
import io.dayshift.notify.Severity;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user task that waits for a person, as its notice tells of it: an approval (offered to {@code approvers}) or an
 * operator's question.
 *
 * @param taskId      the task's id: the link to it in Tasklist
 * @param taskName    e.g. {@code Approve drain plan}
 * @param approval    an approval, not an operator's question
 * @param runbookKey  the run's process definition key (the root of a run that called parts)
 * @param runbookName its name, e.g. {@code Drain compute node}
 * @param partKey     the part the task sits in ({@code await-operation}), empty when it is the runbook's own
 * @param site        the site's name
 * @param targets     what the decision is about ({@code cn03}); empty for the whole site
 * @param askedBy     who asked: the run's {@code requestedBy}, else who started the run; empty when no person did
 * @param fingerprint the fingerprint of the plan the approval shows, when the task carries one
 * @param since       when the task was created
 */
public record WaitingDecision(String taskId, String taskName, boolean approval, String runbookKey, String runbookName, String partKey,
        String site, String targets, String askedBy, Optional<String> fingerprint, Instant since) {

    public WaitingDecision {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(since, "since");
        taskName = oneLine(taskName);
        runbookKey = oneLine(runbookKey);
        runbookName = oneLine(runbookName);
        partKey = oneLine(partKey);
        site = oneLine(site);
        targets = oneLine(targets);
        askedBy = oneLine(askedBy);
        fingerprint = fingerprint == null ? Optional.empty() : fingerprint.map(WaitingDecision::oneLine).filter(f -> !f.isEmpty());
    }

    /** The notice when the task opens: {@code Approval waits: Approve drain plan — cn03 @ lab}. */
    public Notification opened(URI publicUrl) {
        return notice(" waits: ", publicUrl, "");
    }

    /** The one reminder, once the task has waited {@code waited}: {@code Approval still waits: …}. */
    public Notification reminder(URI publicUrl, Duration waited) {
        return notice(" still waits: ", publicUrl, " (more than " + waited.toString().substring(2).toLowerCase() + ")");
    }

    /** The task in Tasklist: {@code <public-url>/camunda/app/tasklist/default/#/?task=<taskId>}, the form Tasklist's own list links with. */
    public URI tasklistLink(URI publicUrl) {
        return URI.create(publicUrl.toString().replaceAll("/+$", "") + "/camunda/app/tasklist/default/#/?task=" + taskId);
    }

    private Notification notice(String verb, URI publicUrl, String waited) {
        String subject = (approval ? "Approval" : "Decision") + verb + (taskName.isEmpty() ? "a user task" : taskName)
                + (targets.isEmpty() ? "" : " — " + targets) + " @ " + site;
        StringBuilder text = new StringBuilder()
                .append("Runbook: ").append(runbookName.isEmpty() ? runbookKey : runbookName + " (" + runbookKey + ")")
                .append(partKey.isEmpty() || partKey.equals(runbookKey) ? "" : ", in its part " + partKey).append('\n')
                .append("Site: ").append(site).append('\n')
                .append("Targets: ").append(targets.isEmpty() ? "the site" : targets).append('\n')
                .append("Asked by: ").append(askedBy.isEmpty() ? "no person (the service started the run)" : askedBy).append('\n');
        fingerprint.ifPresent(f -> text.append("Plan fingerprint: ").append(f).append('\n'));
        text.append("Waiting since: ").append(since).append(waited).append('\n')
                .append("Open it in Tasklist: ").append(tasklistLink(publicUrl));
        return new Notification(subject, text.toString(), Severity.INFO, Optional.empty());
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
