package io.dayshift.runbook.backup;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which parts a run backs up on a site, and where each part's artefact lies. No calls: configuration and one fact. */
final class BackupPlanner {

    /**
     * @param parts         artefact kinds to back up, in order: databases first, then configuration
     * @param notApplicable parts of the scope the site does not have, one line each, for the summary
     */
    record Plan(List<String> parts, List<String> notApplicable) {
    }

    private BackupPlanner() {
    }

    /** @param recentFull the newest full MariaDB backup (the one Kolla builds an incremental on) is verified and younger than {@code incremental-within} (Kolla) */
    static Plan plan(Site site, BackupScope scope, boolean recentFull) {
        List<ArtefactKind> candidates = new ArrayList<>();
        if (site.flavour() == Flavour.KOLLA) {
            candidates.add(recentFull ? ArtefactKind.MARIADB_INCREMENTAL : ArtefactKind.MARIADB_FULL);
        } else {
            candidates.add(ArtefactKind.MYSQL_DUMP);
        }
        candidates.add(ArtefactKind.MAAS_DATABASE);
        candidates.add(site.flavour() == Flavour.KOLLA ? ArtefactKind.KOLLA_CONFIG : ArtefactKind.JUJU_CONTROLLER);
        candidates.add(ArtefactKind.CEPH_CONFIG);
        candidates.add(ArtefactKind.VAULT_SNAPSHOT);
        List<String> parts = new ArrayList<>();
        List<String> notApplicable = new ArrayList<>();
        for (ArtefactKind kind : candidates) {
            if (!scope.includes(kind)) {
                continue;
            }
            if (hostGroup(site, kind).isPresent()) {
                parts.add(kind.name());
            } else {
                notApplicable.add(kind.name() + ": not configured for this site (dayshift.sites." + site.name() + ".backup." + setting(kind) + ")");
            }
        }
        return new Plan(parts, notApplicable);
    }

    /** The SSH host group whose first host holds the part's artefact; empty when the site does not have the part. */
    static Optional<String> hostGroup(Site site, ArtefactKind kind) {
        return kind.hostGroup(site);
    }

    /** The group of a part the site has; an {@link IllegalStateException} naming the setting otherwise. */
    static String requireHostGroup(Site site, ArtefactKind kind) {
        return hostGroup(site, kind).orElseThrow(() -> new IllegalStateException("site " + site.name() + " has no host group for "
                + kind + " (dayshift.sites." + site.name() + ".backup." + setting(kind) + ")"));
    }

    /** Where a part's artefact goes: {@code <directory>/<backup id>/<name>}. */
    static String target(Site site, String backupId, String name) {
        return site.backup().directory() + "/" + backupId + "/" + name;
    }

    private static String setting(ArtefactKind kind) {
        return switch (kind) {
            case MAAS_DATABASE -> "maas-region-host-group";
            case CEPH_CONFIG -> "ceph-monitor-host-group";
            case VAULT_SNAPSHOT -> "vault-host-group";
            case MARIADB_FULL, MARIADB_INCREMENTAL -> "mariadb-host-group";
            default -> "(the site's " + (kind == ArtefactKind.KOLLA_CONFIG ? "kolla" : "juju") + " host group)";
        };
    }
}
