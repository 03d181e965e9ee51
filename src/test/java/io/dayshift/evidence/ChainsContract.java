package io.dayshift.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.evidence.EvidenceStore.Where;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chains and their verification, the same on every database the service supports: a run's entries chained in order
 * and its end chained into its site; the database refusing to change or remove an entry; and a row changed directly in
 * the database, as a DBA would after disabling the trigger, found by verification at that very row.
 */
abstract class ChainsContract {

    abstract EvidenceStore store();

    abstract EvidenceVerifier verifier();

    abstract TransactionTemplate transaction();

    /** A connection with the rights of the database's owner (who can disable a trigger). */
    abstract Connection dba() throws SQLException;

    /** What a DBA runs to lift the append-only trigger of {@code table}, and to put it back. */
    abstract void liftTrigger(Statement dba, String table) throws SQLException;

    abstract void restoreTrigger(Statement dba, String table) throws SQLException;

    private final String site = "site-" + UUID.randomUUID().toString().substring(0, 8);

    private Where where(String run, String step) {
        return new Where(run, step, site, "evidence-test");
    }

    /** A run of {@code steps} calls, each in a transaction of its own, then its end; the run's id. */
    private String endedRun(int steps) {
        String run = UUID.randomUUID().toString();
        for (int i = 1; i <= steps; i++) {
            int n = i;
            transaction().executeWithoutResult(status -> store().append(where(run, "Task_Step" + n), Instant.now(), Entry.CALL, Call.SSH,
                    "cn0" + n, "$ systemctl restart nova-compute", "exit 0", "restarted " + n));
        }
        transaction().executeWithoutResult(status -> {
            store().append(where(run, "EndEvent_Done"), Instant.now(), Entry.RUN_ENDED, Entry.ENGINE, site, "run ended", "completed", "");
            store().close(where(run, "EndEvent_Done"), Instant.now());
        });
        return run;
    }

    @Test
    void aRunsEntriesAreChainedInOrderAndItsEndIsChainedIntoItsSite() {
        String first = endedRun(3);
        String second = endedRun(1);

        List<Entry> entries = store().entries(first);
        assertThat(entries).extracting(Entry::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(entries.get(0).previousHash()).isEqualTo(Chains.GENESIS);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).previousHash()).isEqualTo(entries.get(i - 1).hash());
            assertThat(entries.get(i).hash()).isEqualTo(Chains.hash(entries.get(i)));
        }
        assertThat(store().siteChain(site)).extracting(SiteLink::run, SiteLink::runSeq).containsExactly(
                org.assertj.core.groups.Tuple.tuple(first, 4L), org.assertj.core.groups.Tuple.tuple(second, 2L));
        assertThat(store().siteChain(site).get(0).runHash()).isEqualTo(entries.get(3).hash());
        assertThat(verifier().run(first).intact()).isTrue();
        assertThat(verifier().run(first).checked()).isEqualTo(4);
        assertThat(verifier().site(site).intact()).isTrue();
        assertThat(store().head(first)).hasValueSatisfying(head -> assertThat(head.ended()).isPresent());
    }

    @Test
    void aTargetNamingEveryHostOfALargeSiteIsKeptShortenedAndStillVerifies() {
        String run = UUID.randomUUID().toString();
        String everyHost = String.join(",", java.util.stream.IntStream.rangeClosed(1, 204).mapToObj(i -> String.format("cn%03d", i)).toList());
        transaction().executeWithoutResult(status -> store().append(where(run, "Task_CheckOperation"), Instant.now(), Entry.CALL, Call.SSH,
                everyHost, "$ kolla-ansible prechecks", "running", ""));

        Entry entry = store().entries(run).get(0);
        assertThat(entry.target()).hasSize(EvidenceStore.MAX_TARGET).startsWith("cn001,cn002,").endsWith("…");
        assertThat(verifier().run(run).intact()).isTrue();
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveAnEntryWhoeverAsks() throws SQLException {
        String run = endedRun(2);
        try (Connection dba = dba(); Statement statement = dba.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE dayshift_evidence SET outcome = 'exit 1' WHERE run_id = '" + run + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM dayshift_evidence WHERE run_id = '" + run + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM dayshift_evidence_site_chain WHERE run_id = '" + run + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(store().entries(run)).hasSize(3);
        assertThat(verifier().run(run).intact()).isTrue();
    }

    @Test
    void aRowChangedDirectlyInTheDatabaseFailsVerificationAtThatRow() throws SQLException {
        // given an ended run of three steps, intact
        String run = endedRun(3);
        assertThat(verifier().run(run).intact()).isTrue();

        // when a DBA lifts the trigger and turns the second step's failure into a success
        try (Connection dba = dba(); Statement statement = dba.createStatement()) {
            liftTrigger(statement, "dayshift_evidence");
            try (PreparedStatement update = dba.prepareStatement("UPDATE dayshift_evidence SET outcome = ? WHERE run_id = ? AND seq = ?")) {
                update.setString(1, "exit 0 (all fine)");
                update.setString(2, run);
                update.setLong(3, 2);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            restoreTrigger(statement, "dayshift_evidence");
        }

        // then verification fails at that very row, naming run, entry and step
        Verification result = verifier().run(run);
        assertThat(result.intact()).isFalse();
        assertThat(result.mismatch()).hasValueSatisfying(m -> {
            assertThat(m.chain()).isEqualTo(Verification.RUN);
            assertThat(m.id()).isEqualTo(run);
            assertThat(m.seq()).isEqualTo(2);
            assertThat(m.step()).isEqualTo("Task_Step2");
            assertThat(m.what()).contains("content does not match its hash");
        });
        assertThat(verifier().site(site).intact()).isTrue(); // the site chain itself is untouched; the run's journal is not
        assertThat(verifier().all()).filteredOn(v -> !v.intact()).extracting(Verification::id).containsExactly(run);
    }

    @Test
    void aRowRewrittenWithAFreshHashIsFoundByTheNextEntrysLinkAndTheLastByTheSiteChain() throws SQLException {
        String run = endedRun(3);
        List<Entry> entries = store().entries(run);
        Entry second = entries.get(1);
        Entry forged = new Entry(run, 2, second.at(), second.kind(), second.origin(), second.step(), second.target(), second.action(),
                "exit 0 (forged)", second.detail(), second.previousHash(), "");
        String forgedHash = Chains.hash(forged);
        Entry last = entries.get(3);
        Entry forgedLast = new Entry(run, 4, last.at(), last.kind(), last.origin(), last.step(), last.target(), last.action(),
                "completed (forged)", last.detail(), last.previousHash(), "");

        try (Connection dba = dba(); Statement statement = dba.createStatement()) {
            liftTrigger(statement, "dayshift_evidence");
            statement.executeUpdate("UPDATE dayshift_evidence SET outcome = 'exit 0 (forged)', hash = '" + forgedHash + "' WHERE run_id = '"
                    + run + "' AND seq = 2");
            restoreTrigger(statement, "dayshift_evidence");
        }
        assertThat(verifier().run(run).mismatch()).hasValueSatisfying(m -> {
            assertThat(m.seq()).isEqualTo(3);
            assertThat(m.what()).contains("link to entry 2");
        });

        // a forger who rewrites only the last entry, hash and head included, is found by the site chain
        String otherRun = endedRun(1);
        List<Entry> other = store().entries(otherRun);
        Entry end = other.get(1);
        Entry rewritten = new Entry(otherRun, 2, end.at(), end.kind(), end.origin(), end.step(), end.target(), end.action(), "completed (forged)",
                end.detail(), end.previousHash(), "");
        String rewrittenHash = Chains.hash(rewritten);
        try (Connection dba = dba(); Statement statement = dba.createStatement()) {
            liftTrigger(statement, "dayshift_evidence");
            statement.executeUpdate("UPDATE dayshift_evidence SET outcome = 'completed (forged)', hash = '" + rewrittenHash + "' WHERE run_id = '"
                    + otherRun + "' AND seq = 2");
            restoreTrigger(statement, "dayshift_evidence");
            statement.executeUpdate("UPDATE dayshift_evidence_run SET last_hash = '" + rewrittenHash + "' WHERE run_id = '" + otherRun + "'");
        }
        assertThat(forgedLast.outcome()).isNotEqualTo(last.outcome());
        assertThat(verifier().run(otherRun).mismatch()).hasValueSatisfying(m -> {
            assertThat(m.chain()).isEqualTo(Verification.SITE);
            assertThat(m.step()).isEqualTo(otherRun);
            assertThat(m.what()).contains("rewritten after it ended");
        });
    }

    @Test
    void aRemovedLastEntryIsFoundByTheRunsHead() throws SQLException {
        String run = UUID.randomUUID().toString();
        for (int i = 1; i <= 3; i++) {
            transaction().executeWithoutResult(status -> store().append(where(run, "Task_Step"), Instant.now(), Entry.CALL, Call.MAAS, "m1",
                    "POST /MAAS/api/2.0/machines/m1/?op=release", "HTTP 200", ""));
        }
        try (Connection dba = dba(); Statement statement = dba.createStatement()) {
            liftTrigger(statement, "dayshift_evidence");
            statement.executeUpdate("DELETE FROM dayshift_evidence WHERE run_id = '" + run + "' AND seq = 3");
            restoreTrigger(statement, "dayshift_evidence");
        }
        assertThat(verifier().run(run).mismatch()).hasValueSatisfying(m -> {
            assertThat(m.seq()).isEqualTo(3);
            assertThat(m.what()).contains("head says it ends with entry 3");
        });
    }

    @Test
    void transactionsAppendingToOneRunAtOnceNeverForkItsChain() throws Exception {
        String run = UUID.randomUUID().toString();
        transaction().executeWithoutResult(status -> store().append(where(run, "Task_Start"), Instant.now(), Entry.CALL, Call.SSH, "cn01",
                "$ true", "exit 0", ""));
        int writers = 4;
        CyclicBarrier together = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                together.await();
                for (int i = 0; i < 5; i++) {
                    transaction().executeWithoutResult(status -> store().append(where(run, "Task_Parallel" + writer), Instant.now(), Entry.CALL,
                            Call.OPENSTACK, "server-" + writer, "GET /compute/v2.1/servers", "HTTP 200", ""));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();

        assertThat(store().entries(run)).extracting(Entry::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 1 + writers * 5L).boxed().toList());
        assertThat(verifier().run(run).intact()).isTrue();
    }
}
