package io.dayshift.approval;

import java.time.Instant;

/** Who decided an approval, how, why and when. */
public record ApprovalDecision(String task, String approver, boolean approved, String reason, Instant decidedAt) {
}
