package io.dayshift.approval;

import java.util.List;

/**
 * Who may decide one approval step of a run, and how many of them must approve.
 *
 * @param groups   the groups offered the task; a decider must be a member of one of them
 * @param required how many distinct people must approve (one rejection rejects)
 */
record ApprovalRule(List<String> groups, int required) {

    static final ApprovalRule DEFAULT = new ApprovalRule(List.of(Approvals.APPROVERS), 1);

    ApprovalRule {
        groups = List.copyOf(groups);
    }

    /** "2 approvals from approvers or change-board". */
    String describe() {
        return required + (required == 1 ? " approval" : " approvals") + " from " + String.join(" or ", groups);
    }
}
