package io.dayshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.notify.Notification;
import io.dayshift.notify.Severity;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a decision's notice says: approvals and operator questions worded apart, the link into Tasklist. */
class WaitingDecisionTest {

    private static final URI PUBLIC_URL = URI.create("https://dayshift.example.org/");
    private static final Instant SINCE = Instant.parse("2025-05-06T07:00:00Z");

    @Test
    void anApprovalSaysWhatWhereWhoAndThePlansFingerprintAndLinksToTheTask() {
        WaitingDecision approval = new WaitingDecision("4711", "Approve drain plan", true, "drain-compute-node", "Drain compute node", "drain-compute-node",
                "lab", "cn03", "olga", Optional.of("sha256:0f1e2d3c"), SINCE);

        Notification notice = approval.opened(PUBLIC_URL);

        assertThat(notice.subject()).isEqualTo("Approval waits: Approve drain plan — cn03 @ lab");
        assertThat(notice.severity()).isEqualTo(Severity.INFO);
        assertThat(notice.text()).isEqualTo("""
                Runbook: Drain compute node (drain-compute-node)
                Site: lab
                Targets: cn03
                Asked by: olga
                Plan fingerprint: sha256:0f1e2d3c
                Waiting since: 2025-05-06T07:00:00Z
                Open it in Tasklist: https://dayshift.example.org/camunda/app/tasklist/default/#/?task=4711""");
    }

    @Test
    void anOperatorQuestionInAPartNamesTheRunbookAndThePart() {
        WaitingDecision question = new WaitingDecision("42", "Decide about the operation", false, "drain-compute-node", "Drain compute node",
                "await-operation", "lab", "web-01", "olga", Optional.empty(), SINCE);

        Notification notice = question.opened(URI.create("http://localhost:8080"));

        assertThat(notice.subject()).isEqualTo("Decision waits: Decide about the operation — web-01 @ lab");
        assertThat(notice.text()).startsWith("Runbook: Drain compute node (drain-compute-node), in its part await-operation\n")
                .doesNotContain("fingerprint")
                .endsWith("Open it in Tasklist: http://localhost:8080/camunda/app/tasklist/default/#/?task=42");
    }

    @Test
    void theReminderSaysItStillWaitsAndForHowLong() {
        WaitingDecision question = new WaitingDecision("42", "Update status page", false, "sev1-incident", "Sev-1 incident", "sev1-incident",
                "lab", "", null, Optional.empty(), SINCE);

        Notification reminder = question.reminder(PUBLIC_URL, Duration.ofHours(1));

        assertThat(reminder.subject()).isEqualTo("Decision still waits: Update status page @ lab");
        assertThat(reminder.text()).contains("Targets: the site\n").contains("Asked by: no person (the service started the run)\n")
                .contains("Waiting since: 2025-05-06T07:00:00Z (more than 1h)\n");
    }

    @Test
    void aNameSpreadOverLinesStaysOnTheSubjectsOneLine() {
        WaitingDecision question = new WaitingDecision("42", "Acknowledge overrun:\n detection", false, "sev1-incident", "Sev-1 incident",
                "sev1-incident", "lab", "", "olga", Optional.of(" "), SINCE);

        assertThat(question.opened(PUBLIC_URL).subject()).isEqualTo("Decision waits: Acknowledge overrun: detection @ lab");
        assertThat(question.fingerprint()).isEmpty();
    }
}
