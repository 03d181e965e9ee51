package io.dayshift.access;

import java.util.List;

/** The four roles of Dayshift, each a Camunda group. */
public final class Roles {

    /** Start runbooks, see the runs, retry failed jobs, cancel runs, work the operator tasks offered to them. */
    public static final String OPS_LEADS = "ops-leads";
    /** See and complete approval tasks; read runs to judge a plan. */
    public static final String APPROVERS = "approvers";
    /** Read definitions, runs and history; change nothing. */
    public static final String AUDITORS = "auditors";
    /** Camunda administrators: users, groups, authorizations, everything. */
    public static final String ADMINS = "dayshift-admins";

    /**
     * The engine's built-in administrator group, which it always treats as admin. Dayshift grants
     * admin rights through {@link #ADMINS}; only the first administrator is kept here.
     */
    static final String ENGINE_ADMINS = "camunda-admin";

    public static final List<String> ALL = List.of(OPS_LEADS, APPROVERS, AUDITORS, ADMINS);

    private Roles() {
    }

    static String displayName(String role) {
        return switch (role) {
            case OPS_LEADS -> "Ops leads";
            case APPROVERS -> "Approvers";
            case AUDITORS -> "Auditors";
            case ADMINS -> "Dayshift administrators";
            case ENGINE_ADMINS -> "Engine administrators (built in; use dayshift-admins)";
            default -> role;
        };
    }
}
