package io.dayshift.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the catalogue promises, run against each database the service supports. */
abstract class BackupCatalogueContract {

    private static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");

    private BackupCatalogue catalogue;
    private JdbcTemplate jdbc;

    abstract DataSource dataSource();

    @BeforeEach
    void freshTables() {
        jdbc = new JdbcTemplate(dataSource());
        for (String table : List.of(BackupCatalogue.COPIES, BackupCatalogue.FAILURES, BackupCatalogue.ARTEFACTS, BackupCatalogue.SETS)) {
            jdbc.execute("DROP TABLE IF EXISTS " + table);
        }
        catalogue = new BackupCatalogue(jdbc);
    }

    @Test
    void aRecordedSetReadsBackWithItsArtefactsRowCountsAndFailures() {
        // given a set with a verified database artefact and a failed part
        BackupSet set = set("east", T0, List.of(full(T0, true)), List.of("VAULT_SNAPSHOT: vault: permission denied"));

        // when it is recorded, twice (a retried step)
        catalogue.record(set);
        catalogue.record(set);

        // then it reads back the same
        BackupSet read = catalogue.find(set.id()).orElseThrow();
        assertThat(read).isEqualTo(set);
        assertThat(read.artefact(ArtefactKind.MARIADB_FULL).orElseThrow().tableRows())
                .containsEntry("nova.instances", 42L).containsEntry("keystone.project", 7L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + BackupCatalogue.ARTEFACTS, Long.class)).isEqualTo(1);
    }

    @Test
    void anArtefactIsUpdatedInPlaceWhenVerifiedAndTheSetFinished() {
        // given an open set with an unverified artefact and a failure for another kind
        BackupSet set = set("east", T0, List.of(), List.of());
        catalogue.record(set);
        Artefact config = new Artefact(ArtefactKind.KOLLA_CONFIG, "10.0.0.11", "/var/backups/dayshift/kolla-config.tar.gz", 4096,
                "a".repeat(64), T0.plusSeconds(30), false, Map.of());
        catalogue.append(set.id(), config);
        catalogue.recordFailure(set.id(), ArtefactKind.CEPH_CONFIG, "first reason");

        // when it is verified, the failure reason changes and the set finishes
        catalogue.append(set.id(), config.withVerified(true));
        catalogue.recordFailure(set.id(), ArtefactKind.CEPH_CONFIG, "ceph: monitor unreachable");
        catalogue.finish(set.id(), T0.plusSeconds(600));

        // then one artefact, verified, one failure line, and the end time
        BackupSet read = catalogue.find(set.id()).orElseThrow();
        assertThat(read.artefacts()).containsExactly(config.withVerified(true));
        assertThat(read.failures()).containsExactly("CEPH_CONFIG: ceph: monitor unreachable");
        assertThat(read.finishedAt()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void setsOfASiteComeNewestFirstAndOtherSitesStayApart() {
        // given three sets of two sites
        catalogue.record(set("east", T0, List.of(), List.of()));
        catalogue.record(set("east", T0.plus(Duration.ofDays(1)), List.of(), List.of()));
        catalogue.record(set("west", T0.plus(Duration.ofDays(2)), List.of(), List.of()));

        // then each site sees its own, newest first
        assertThat(catalogue.forSite("east")).extracting(BackupSet::id)
                .containsExactly("east-20261102T020000Z", "east-20261101T020000Z");
        assertThat(catalogue.forSite("west")).hasSize(1);
        assertThat(catalogue.forSite("north")).isEmpty();
        assertThat(catalogue.find("east-19990101T000000Z")).isEmpty();
    }

    @Test
    void theLatestFullIsTheNewestVerifiedUnprunedFullSinceTheGivenTime() {
        // given fulls on day 0 (verified), day 2 (not verified) and day 3 (verified, later pruned), and an incremental on day 4
        catalogue.record(set("east", T0, List.of(full(T0, true)), List.of()));
        catalogue.record(set("east", T0.plus(Duration.ofDays(2)), List.of(full(T0.plus(Duration.ofDays(2)), false)), List.of()));
        BackupSet day3 = set("east", T0.plus(Duration.ofDays(3)), List.of(full(T0.plus(Duration.ofDays(3)), true)), List.of());
        catalogue.record(day3);
        catalogue.record(set("east", T0.plus(Duration.ofDays(4)), List.of(new Artefact(ArtefactKind.MARIADB_INCREMENTAL, "10.0.0.11",
                "/var/lib/docker/volumes/mariadb_backup/_data/incremental-05-11-2026.qp.xbc.xbs.gz", 1024, "c".repeat(64),
                T0.plus(Duration.ofDays(4)), true, Map.of())), List.of()));

        // then the day 3 full is the latest, until it is pruned; the day 0 one is too old for a 'since' of day 1
        assertThat(catalogue.latestFull("east", T0).map(BackupSet::id)).contains(day3.id());
        assertThat(catalogue.markPruned(day3.id(), ArtefactKind.MARIADB_FULL, T0.plus(Duration.ofDays(5)), "pi-9")).isTrue();
        assertThat(catalogue.markPruned(day3.id(), ArtefactKind.MARIADB_FULL, T0.plus(Duration.ofDays(6)), "pi-10")).isFalse();
        assertThat(catalogue.latestFull("east", T0).map(BackupSet::id)).contains("east-20261101T020000Z");
        assertThat(catalogue.latestFull("east", T0.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(catalogue.latestFull("west", T0)).isEmpty();
    }

    @Test
    void aPrunedArtefactLeavesItsSetButIsListedAsPruned() {
        // given a set with one artefact
        BackupSet set = set("east", T0, List.of(full(T0, true)), List.of());
        catalogue.record(set);

        // when it is pruned
        catalogue.markPruned(set.id(), ArtefactKind.MARIADB_FULL, T0.plus(Duration.ofDays(31)), "pi-31");

        // then the set no longer offers it, and the pruning is on record
        assertThat(catalogue.find(set.id()).orElseThrow().artefacts()).isEmpty();
        assertThat(catalogue.pruned("east")).containsExactly(new PrunedArtefact(set.id(), ArtefactKind.MARIADB_FULL, "10.0.0.11",
                full(T0, true).path(), T0, T0.plus(Duration.ofDays(31)), "pi-31"));
    }

    @Test
    void anOffHostCopyIsRecordedOncePerArtefactUpdatedByARetryAndPrunedApart() {
        // given a set of site east with an artefact, and one of another site
        BackupSet set = set("east", T0, List.of(full(T0, true)), List.of());
        catalogue.record(set);
        catalogue.record(set("west", T0, List.of(), List.of()));
        OffHostCopy failed = new OffHostCopy(set.id(), ArtefactKind.MARIADB_FULL, "store01", "/srv/b/" + set.id() + "/full.gz", 100, "c".repeat(64),
                T0, T0.plusSeconds(60), false, "checksum on the store differs");

        // when a failed copy is recorded, then a retry's verified one
        catalogue.recordCopy(failed);
        OffHostCopy verified = new OffHostCopy(set.id(), ArtefactKind.MARIADB_FULL, "store01", failed.path(), 100, "c".repeat(64), T0,
                T0.plusSeconds(120), true, "");
        catalogue.recordCopy(verified);

        // then one copy reads back, the last one, listed for its site only, until it is pruned
        assertThat(catalogue.copy(set.id(), ArtefactKind.MARIADB_FULL)).contains(verified);
        assertThat(catalogue.copies(set.id())).containsExactly(verified);
        assertThat(catalogue.copiesForSite("east")).containsExactly(verified);
        assertThat(catalogue.copiesForSite("west")).isEmpty();
        assertThat(catalogue.markCopyPruned(set.id(), ArtefactKind.MARIADB_FULL, T0.plusSeconds(999), "run-2")).isTrue();
        assertThat(catalogue.markCopyPruned(set.id(), ArtefactKind.MARIADB_FULL, T0.plusSeconds(999), "run-2")).isFalse();
        assertThat(catalogue.copiesForSite("east")).isEmpty();
        assertThat(catalogue.find(set.id()).orElseThrow().artefacts()).hasSize(1); // the artefact on its host is another matter
    }

    @Test
    void creatingTheTablesAgainKeepsTheirContent() {
        // given a recorded set
        BackupSet set = set("east", T0, List.of(full(T0, true)), List.of());
        catalogue.record(set);

        // when another catalogue starts on the same database (a restart, a second node)
        BackupCatalogue again = new BackupCatalogue(jdbc);

        // then the set is still there
        assertThat(again.find(set.id())).contains(set);
    }

    private static BackupSet set(String site, Instant startedAt, List<Artefact> artefacts, List<String> failures) {
        return new BackupSet(BackupSet.idFor(site, startedAt), site, "kolla", "full", "pi-1", startedAt, null, artefacts, failures);
    }

    private static Artefact full(Instant at, boolean verified) {
        return new Artefact(ArtefactKind.MARIADB_FULL, "10.0.0.11", "/var/lib/docker/volumes/mariadb_backup/_data/mysqlbackup-"
                + at.getEpochSecond() + ".qp.xbc.xbs.gz", 734_003_200L, "b".repeat(64), at, verified,
                Map.of("nova.instances", 42L, "keystone.project", 7L, "glance.images", 5L));
    }
}
