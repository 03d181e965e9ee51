package io.dayshift.adapter.ceph;

import io.dayshift.ceph.CephCluster;
import io.dayshift.ceph.CephStatus;
import io.dayshift.shell.CommandResult;
import io.dayshift.shell.RemoteShell;
import io.dayshift.shell.ShellCommand;
import io.dayshift.site.Flavour;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.site.SshEndpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ceph -s} over SSH on the site's Ceph admin host. */
final class SshCephCluster implements CephCluster {

    static final String MONITORS = "monitors";
    private static final Pattern HEALTH = Pattern.compile("health:\\s+(HEALTH_[A-Z]+)");
    private static final int MAX_CHARS = 4000;
    /** Exit status of a shell that does not find the command. */
    private static final int NOT_FOUND = 127;

    private final RemoteShell shell;
    private final Secrets secrets;
    private final Duration timeout;

    SshCephCluster(RemoteShell shell, Secrets secrets, Duration timeout) {
        this.shell = shell;
        this.secrets = secrets;
        this.timeout = timeout;
    }

    @Override
    public Optional<CephStatus> status(Site site) {
        // --connect-timeout keeps a cluster without quorum from holding the step until the SSH timeout
        CommandResult result = shell.run(adminHost(site), ShellCommand.of("ceph").flag("--connect-timeout").flag("20").flag("-s"), timeout);
        if (result.exitStatus() == NOT_FOUND) {
            return Optional.empty();
        }
        String text = secrets.redact(result.evidenceTail(MAX_CHARS));
        if (!result.succeeded()) {
            return Optional.of(new CephStatus("UNREACHABLE", text));
        }
        Matcher health = HEALTH.matcher(result.stdout());
        return Optional.of(new CephStatus(health.find() ? health.group(1) : "UNKNOWN", text));
    }

    /** Host group {@code monitors}, else the monitor host the site's backups use, else the deployer or the Juju client host. */
    private static SshEndpoint adminHost(Site site) {
        if (site.hostGroup(MONITORS).isPresent()) {
            return site.firstHostOf(MONITORS);
        }
        String backupMonitor = site.backup().cephMonitorHostGroup();
        if (backupMonitor != null) {
            return site.firstHostOf(backupMonitor);
        }
        return site.flavour() == Flavour.KOLLA ? site.kollaDeployer() : site.jujuHost();
    }
}
