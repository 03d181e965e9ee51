package io.dayshift.runbook.backup;

import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * What the backup models read from their expressions: the poll interval of the MariaDB loop
 * ({@code ${backupRunbook.pollInterval}}), and for {@code daily-backup} when it runs ({@code ${backupRunbook.cron}}) and which
 * sites it backs up ({@code ${backupRunbook.siteNames()}}).
 */
@Component("backupRunbook")
@EnableConfigurationProperties(BackupRunbookProperties.class)
public class BackupRunbook {

    private final BackupRunbookProperties properties;
    private final Sites sites;

    BackupRunbook(BackupRunbookProperties properties, Sites sites) {
        this.properties = properties;
        this.sites = sites;
        properties.sites().forEach(sites::require); // a configured name that is not a site stops the start
    }

    public String getCron() {
        return properties.cron();
    }

    public String getPollInterval() {
        return properties.pollInterval().toString();
    }

    public String getScope() {
        return properties.scope();
    }

    /** The configured sites ({@code dayshift.backup.sites}), or every site, in name order. */
    public List<String> siteNames() {
        return properties.sites().isEmpty() ? new ArrayList<>(sites.all().stream().map(Site::name).toList()) : new ArrayList<>(properties.sites());
    }
}
