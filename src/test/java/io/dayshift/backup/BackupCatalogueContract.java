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

    @Test
    void anIncrementalRecordsTheFullItBuildsOnAndTheChainReadsBackInOrder() {
        // given a verified full on day 0, an unverified full on day 3, and incrementals on days 1 and 2 built on the first
        BackupSet day0 = set("east", T0, List.of(full(T0, true)), List.of());
        catalogue.record(day0);
        BackupSet day1 = set("east", T0.plus(Duration.ofDays(1)), List.of(incremental(T0.plus(Duration.ofDays(1)), day0.id())), List.of());
        BackupSet day2 = set("east", T0.plus(Duration.ofDays(2)), List.of(incremental(T0.plus(Duration.ofDays(2)), day0.id())), List.of());
        catalogue.record(day2);
        catalogue.record(day1);
        catalogue.record(set("east", T0.plus(Duration.ofDays(3)), List.of(full(T0.plus(Duration.ofDays(3)), false)), List.of()));

        // then each incremental reads back with its base, and the chain comes oldest first, up to the time asked
        assertThat(catalogue.find(day1.id()).orElseThrow().artefact(ArtefactKind.MARIADB_INCREMENTAL).orElseThrow().builtOn()).isEqualTo(day0.id());
        assertThat(catalogue.incrementalsOn(day0.id(), T0.plus(Duration.ofDays(2)))).extracting(BackupCatalogue.Link::setId)
                .containsExactly(day1.id(), day2.id());
        assertThat(catalogue.incrementalsOn(day0.id(), T0.plus(Duration.ofDays(1)))).extracting(BackupCatalogue.Link::setId).containsExactly(day1.id());

        // and a pruned one stays in the chain, marked; the newest full taken is the base of the next, verified or not
        catalogue.markPruned(day1.id(), ArtefactKind.MARIADB_INCREMENTAL, T0.plus(Duration.ofDays(40)), "pi-40");
        assertThat(catalogue.incrementalsOn(day0.id(), T0.plus(Duration.ofDays(2)))).extracting(BackupCatalogue.Link::pruned).containsExactly(true, false);
        assertThat(catalogue.newestFull("east", T0.plus(Duration.ofDays(4)))).contains(BackupSet.idFor("east", T0.plus(Duration.ofDays(3))));
        assertThat(catalogue.newestFull("east", T0.plus(Duration.ofDays(2)))).contains(day0.id());
        assertThat(catalogue.newestFull("west", T0.plus(Duration.ofDays(4)))).isEmpty();
    }

    @Test
    void aCatalogueCreatedBeforeIncrementalsRecordedTheirBaseGainsTheColumn() {
        // given the artefact table as an older version created it, with a row
        jdbc.execute("DROP TABLE " + BackupCatalogue.ARTEFACTS);
        jdbc.execute("CREATE TABLE " + BackupCatalogue.ARTEFACTS + " (set_id VARCHAR(120) NOT NULL, kind VARCHAR(32) NOT NULL, host VARCHAR(255) NOT NULL, "
                + "path VARCHAR(1024) NOT NULL, size_bytes BIGINT NOT NULL, sha256 VARCHAR(64) NOT NULL, taken_at TIMESTAMP NOT NULL, "
                + "verified BOOLEAN NOT NULL, table_rows VARCHAR(4000) NOT NULL, pruned_at TIMESTAMP, pruned_by VARCHAR(64), PRIMARY KEY (set_id, kind))");
        BackupSet old = set("east", T0, List.of(), List.of());
        catalogue.record(old);
        jdbc.update("INSERT INTO " + BackupCatalogue.ARTEFACTS + " (set_id, kind, host, path, size_bytes, sha256, taken_at, verified, table_rows) "
                + "VALUES (?, 'MARIADB_FULL', '10.0.0.11', '/var/lib/docker/volumes/mariadb_backup/_data/old.gz', 1, ?, ?, TRUE, '')", old.id(),
                "b".repeat(64), java.sql.Timestamp.from(T0));

        // when the new version starts on it
        BackupCatalogue again = new BackupCatalogue(jdbc);

        // then the old row reads back with no base, and an incremental records its base
        assertThat(again.find(old.id()).orElseThrow().artefact(ArtefactKind.MARIADB_FULL).orElseThrow().builtOn()).isNull();
        BackupSet next = set("east", T0.plus(Duration.ofDays(1)), List.of(incremental(T0.plus(Duration.ofDays(1)), old.id())), List.of());
        again.record(next);
        assertThat(again.incrementalsOn(old.id(), T0.plus(Duration.ofDays(1)))).extracting(l -> l.artefact()).containsExactly(next.artefacts().get(0));
    }

    private static Artefact incremental(Instant at, String builtOn) {
        return new Artefact(ArtefactKind.MARIADB_INCREMENTAL, "10.0.0.11", "/var/lib/docker/volumes/mariadb_backup/_data/incremental-"
                + at.getEpochSecond() + ".qp.xbc.xbs.gz", 4_718_592L, "c".repeat(64), at, true, Map.of("nova.instances", 43L), builtOn);
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
