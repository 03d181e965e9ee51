package io.dayshift.kolla;

/** How a kolla-ansible run ended, from ansible-playbook's exit code and PLAY RECAP. */
public enum KollaOutcome {
    /** Exit 0. */
    SUCCEEDED,
    /** Exit 1: an Ansible error before or outside the hosts (bad inventory, missing role). */
    ERROR,
    /** Exit 2 (or exit 1 of kolla-ansible's bash CLI, before 20.x, with failed hosts in the recap): one or more hosts failed a task. */
    HOSTS_FAILED,
    /** Exit 4 (or exit 1 of the bash CLI) and the recap shows unreachable hosts. */
    HOSTS_UNREACHABLE,
    /** Exit 4 without unreachable hosts: a playbook or inventory parse error. */
    PARSE_ERROR,
    /** Exit 5 (or 6): bad command-line options. */
    BAD_OPTIONS,
    /** Exit 99: interrupted. */
    INTERRUPTED,
    /** Exit 250: an unexpected exception inside Ansible. */
    UNEXPECTED_ERROR,
    /** Any other exit code. */
    UNKNOWN
}
