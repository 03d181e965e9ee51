package io.dayshift.kolla;

import io.dayshift.site.Site;
import java.util.List;
import java.util.Optional;

/**
 * What runbooks need of a Kolla-Ansible site: run kolla-ansible on the site's deployer against its inventory, and
 * make the few file edits a runbook needs (a host in an inventory group, {@code openstack_release} in globals.yml),
 * each safely: a backup copy first, a write through a temporary file and a rename, and a check afterwards.
 */
public interface KollaDeployer {

    /**
     * Runs an action and returns how it ended; a run that ended badly is a result with its outcome and evidence, not
     * an exception (the process decides).
     *
     * @param limit hosts for {@code --limit}; empty for all. Refused for actions that do not take a limit.
     */
    KollaRun run(Site site, KollaAction action, List<String> limit);

    /** Adds {@code host} to inventory group {@code group} (e.g. {@code compute}); nothing is written when it is already there. */
    FileChange addHost(Site site, String group, String host);

    /** Removes {@code host} from inventory group {@code group}; nothing is written when it is not there. */
    FileChange removeHost(Site site, String group, String host);

    /** Whether {@code host} is listed in inventory group {@code group}. */
    boolean inventoryHasHost(Site site, String group, String host);

    /** {@code openstack_release} of globals.yml, if set (commented lines do not count). */
    Optional<String> openstackRelease(Site site);

    /** Sets {@code openstack_release} in globals.yml (for an upgrade or its rollback). */
    FileChange setOpenstackRelease(Site site, String release);
}
