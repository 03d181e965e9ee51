package io.dayshift.site;

/** How a site's OpenStack is deployed, and so which tool changes it. */
public enum Flavour {
    /** Kolla-Ansible containers, changed with {@code kolla-ansible} on a deployer host. */
    KOLLA,
    /** Charmed OpenStack, changed with {@code juju} on a jump host. */
    CHARMED
}
