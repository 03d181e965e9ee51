package io.dayshift.approval;

import java.time.Instant;

/**
 * Who decided an approval, how, why and when, and on what.
 *
 * @param task            the approval step (BPMN id)
 * @param approver        who decided
 * @param approved        approve or reject
 * @param reason          the approver's own words
 * @param decidedAt       when
 * @param planFingerprint the fingerprint of the plan the approver was shown ({@link PlanFingerprint}); null when the step has no plan
 * @param round           the step's activity instance: the decisions of one round count together towards {@code required}
 * @param required        how many distinct approvals that round needed
 */
public record ApprovalDecision(String task, String approver, boolean approved, String reason, Instant decidedAt,
                               String planFingerprint, String round, int required) {

    public ApprovalDecision {
        required = Math.max(1, required);
    }
}
