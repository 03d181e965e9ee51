package io.dayshift.runbook.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupSet;
import io.dayshift.site.Site;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the retention policy prunes, with the seed's 30 days for databases and 90 for configuration. */
class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T01:30:00Z");
    private final Site.Backup seed = Site.Backup.defaults();
    private final List<BackupSet> sets = new ArrayList<>();

    @Test
    void theSeedKeepsDatabasesThirtyDaysAndConfigurationNinety() {
        assertThat(seed.databaseRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(seed.configRetention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void artefactsOlderThanTheirClassAreExpiredExceptTheNewestGoodOfEachKind() {
        // given daily MAAS dumps of the last 40 days and configuration of 100, 95 and 10 days ago
        for (int day = 1; day <= 40; day++) {
            add(day, ArtefactKind.MAAS_DATABASE, true);
        }
        add(100, ArtefactKind.CEPH_CONFIG, true);
        add(95, ArtefactKind.CEPH_CONFIG, true);
        add(10, ArtefactKind.CEPH_CONFIG, true);

        // when the policy is applied
        List<RetentionPolicy.Expired> expired = RetentionPolicy.expired(sets, seed, NOW);

        // then the dumps of 31 to 40 days ago and the two old configurations go
        assertThat(expired).filteredOn(e -> e.artefact().kind() == ArtefactKind.MAAS_DATABASE).hasSize(10)
                .allSatisfy(e -> assertThat(e.artefact().takenAt()).isBefore(NOW.minus(Duration.ofDays(30))));
        assertThat(expired).filteredOn(e -> e.artefact().kind() == ArtefactKind.CEPH_CONFIG).extracting(e -> e.artefact().takenAt())
                .containsExactlyInAnyOrder(NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(95)));
    }

    @Test
    void aSiteWhoseBackupsFailKeepsItsLastGoodOneHoweverOld() {
        // given the last verified MariaDB full is 60 days old; later ones did not verify
        add(60, ArtefactKind.MARIADB_FULL, true);
        add(50, ArtefactKind.MARIADB_FULL, false);
        add(45, ArtefactKind.MARIADB_INCREMENTAL, true);
        add(65, ArtefactKind.MARIADB_INCREMENTAL, true);

        // when the policy is applied
        List<RetentionPolicy.Expired> expired = RetentionPolicy.expired(sets, seed, NOW);

        // then the 60-day full stays, and so does the incremental on top of it; the unverified full and the older incremental go
        assertThat(expired).extracting(e -> e.artefact().kind() + "@" + Duration.between(e.artefact().takenAt(), NOW).toDays())
                .containsExactlyInAnyOrder("MARIADB_FULL@50", "MARIADB_INCREMENTAL@65");
    }

    @Test
    void nothingYoungerThanItsRetentionIsExpired() {
        add(29, ArtefactKind.MYSQL_DUMP, false);
        add(89, ArtefactKind.JUJU_CONTROLLER, false);

        assertThat(RetentionPolicy.expired(sets, seed, NOW)).isEmpty();
    }

    private void add(int daysAgo, ArtefactKind kind, boolean verified) {
        Instant at = NOW.minus(Duration.ofDays(daysAgo));
        String id = BackupSet.idFor("east", at) + "-" + kind;
        sets.add(new BackupSet(id, "east", "kolla", "full", "pi", at, at.plusSeconds(600),
                List.of(new Artefact(kind, "10.0.0.11", "/var/backups/dayshift/" + id + "/a", 1, "a".repeat(64), at, verified, Map.of())), List.of()));
    }
}
