package io.dayshift.runbook.upgrade;

/** What one step of the upgrade plan does; {@link UpgradeStepRunner} starts and checks each kind. */
public enum StepKind {
    /** kolla: set {@code openstack_release} in globals.yml to {@link UpgradeStep#value()} (a backup copy of the file is kept). */
    KOLLA_SET_RELEASE,
    /** kolla: run kolla-ansible {@link UpgradeStep#value()} ({@code pull}, {@code prechecks}, {@code upgrade}, {@code reconfigure}) detached, with {@code --limit} the targets. */
    KOLLA_RUN,
    /** charmed: every unit of the model is active and idle (cou's "model idle" check); nothing is changed. */
    CHARM_MODEL_IDLE,
    /** charmed: one application to the target channel ({@code juju refresh --channel}), its {@code openstack-origin} to the target's cloud archive. */
    CHARM_UPGRADE_APPLICATION,
    /** charmed: the units named in the targets, one after the other: {@code pause}, {@code openstack-upgrade}, {@code resume}. */
    CHARM_UPGRADE_UNITS
}
