package io.dayshift.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.evidence.EvidenceStore.Where;
import io.dayshift.evidence.pack.EvidencePack;
import io.dayshift.evidence.pack.EvidencePacks;
import io.dayshift.evidence.pack.PackHtml;
import io.dayshift.evidence.pack.PackJson;
import io.dayshift.access.Roles;
import io.dayshift.testing.Http;
import io.dayshift.testing.ServiceTest;
import io.dayshift.testing.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A benchmark, not part of {@code ./mvnw verify} (its name does not end in Test): the evidence pack of a run whose journal
 * holds {@value #ENTRIES} entries (calls with a long answer, decisions, failed jobs), read and rendered as JSON and as its
 * page, while the journal table also holds {@value #OTHER_RUNS} other runs of as many entries on the same site, ended and
 * chained. The same pack is taken while the run goes on and again once it ended (its site-chain link is then checked too).
 * Run it with
 *
 * <pre>./mvnw test -Dtest=EvidencePackBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * It prints, and writes to {@code target/benchmarks/evidence-pack.txt}, the median, 95th percentile and slowest of
 * {@value #ROUNDS} rounds (after {@value #WARM_UP} rounds to warm up), for building the pack, for rendering each form, and
 * for the run's page in the auditor view ({@code /audit/runs/{id}}), fetched over HTTP as an auditor.
 */
@ServiceTest
class EvidencePackBenchmark {

    static final int ENTRIES = 1_000;
    static final int OTHER_RUNS = 10;
    static final int WARM_UP = 5;
    static final int ROUNDS = 30;

    @Autowired
    RuntimeService runtime;
    @Autowired
    EvidenceStore store;
    @Autowired
    EvidencePacks packs;
    @Autowired
    PackJson json;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    IdentityService identity;
    @LocalServerPort
    int port;

    @Test
    void packOfARunWithAThousandJournalEntries() throws IOException {
        // given other runs on the site, ended, and the run measured, with its thousand entries
        for (int i = 0; i < OTHER_RUNS; i++) {
            String other = journaled();
            runtime.deleteProcessInstance(other, "benchmark: an ended run beside the one measured");
        }
        String run = journaled();
        List<String> lines = new ArrayList<>();
        lines.add("Evidence pack of a run with " + ENTRIES + " journal entries, " + OTHER_RUNS + " other runs of " + ENTRIES
                + " entries on its site; " + ROUNDS + " rounds after " + WARM_UP + " to warm up (milliseconds: median / p95 / slowest)");

        // when its pack is built and rendered, while it goes on and once it ended
        lines.addAll(measure("running", run));
        runtime.deleteProcessInstance(run, "benchmark: ended to measure its pack with its site-chain link");
        lines.addAll(measure("ended", run));

        lines.forEach(System.out::println);
        Path out = Path.of("target", "benchmarks", "evidence-pack.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
    }

    private List<String> measure(String state, String run) {
        EvidencePack pack = packs.of(run).orElseThrow();
        assertThat(pack.verification().intact()).isTrue();
        assertThat(pack.verification().entries()).isGreaterThanOrEqualTo(ENTRIES);
        long[] build = new long[ROUNDS];
        long[] asJson = new long[ROUNDS];
        long[] asHtml = new long[ROUNDS];
        long[] total = new long[ROUNDS];
        int jsonSize = 0;
        int htmlSize = 0;
        for (int round = -WARM_UP; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            EvidencePack built = packs.of(run).orElseThrow();
            long t1 = System.nanoTime();
            jsonSize = json.write(built).length();
            long t2 = System.nanoTime();
            htmlSize = PackHtml.render(built).length();
            long t3 = System.nanoTime();
            if (round >= 0) {
                build[round] = t1 - t0;
                asJson[round] = t2 - t1;
                asHtml[round] = t3 - t2;
                total[round] = t3 - t0;
            }
        }
        // and the run's page in the auditor view, as an auditor's browser gets it over HTTP (login checked, read, rendered)
        Users.ensure(identity, "audrey", Roles.AUDITORS);
        Http auditor = Http.as(port, "audrey", Users.PASSWORD);
        long[] page = new long[ROUNDS];
        int pageSize = 0;
        for (int round = -WARM_UP; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            HttpResponse<String> answer = auditor.get("/audit/runs/" + run);
            long t1 = System.nanoTime();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            pageSize = answer.body().length();
            if (round >= 0) {
                page[round] = t1 - t0;
            }
        }
        return List.of(
                "  " + state + ", pack built (history and journal read, chain verified): " + figures(build),
                "  " + state + ", JSON rendered (" + jsonSize / 1024 + " KiB): " + figures(asJson),
                "  " + state + ", HTML rendered (" + htmlSize / 1024 + " KiB): " + figures(asHtml),
                "  " + state + ", all three: " + figures(total),
                "  " + state + ", the run's page /audit/runs/{id} over HTTP (" + pageSize / 1024 + " KiB): " + figures(page));
    }

    /** A run of access-check, waiting at its approval, with {@value #ENTRIES} journal entries. */
    private String journaled() {
        String run = runtime.startProcessInstanceByKey("access-check", Map.of("site", "lab")).getId();
        String detail = "output line of the remote command, ".repeat(60);
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < ENTRIES; i++) {
                Where where = new Where(run, "Task_Step" + (i % 25), "lab", "access-check");
                switch (i % 10) {
                    case 0 -> store.append(where, Instant.now(), Decision.APPROVAL, Entry.PEOPLE, "lab", "approved", "by alice, plan 3f9a-12bc-77e0",
                            "window agreed");
                    case 1 -> store.append(where, Instant.now(), Entry.JOB_FAILED, Entry.ENGINE, "", "job async-continuation failed",
                            "2 retries left", "connection refused");
                    default -> store.append(where, Instant.now(), Entry.CALL, Call.SSH, "cn" + (i % 40), "$ docker ps --format '{{.Names}}'",
                            "exit 0", detail);
                }
            }
        });
        return run;
    }

    private static String figures(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return String.format("%.1f / %.1f / %.1f", sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
