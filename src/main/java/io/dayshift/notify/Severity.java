package io.dayshift.notify;

/** How urgent a notification is, in the usual incident scale. */
public enum Severity {
    /** Service down or at risk for many users: everyone on call now. */
    SEV1,
    /** Major degradation. */
    SEV2,
    /** Minor problem, work hours. */
    SEV3,
    /** For information: a run finished, a check passed. */
    INFO
}
