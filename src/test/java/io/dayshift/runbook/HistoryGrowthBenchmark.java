package io.dayshift.runbook;

import static io.dayshift.testing.EngineRest.claimAndComplete;
import static io.dayshift.testing.EngineRest.newUser;
import static io.dayshift.testing.EngineRest.waitUntilCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A benchmark, not part of {@code ./mvnw verify} (its name does not end in Test): does a runbook's SQL cost grow with the
 * history of past runs? The whole service on the lab (instant operations, checks every second, the job executor on) runs
 * a {@code drain-compute-node} (approved over REST) and a {@code site-health-check}, and the metrics are scraped, with
 * an empty history; then the history holds {@value #PAST_RUNS} past runs of each and the same is done again. Every SQL
 * statement the service sends is counted and timed by a data-source wrapper this class alone registers.
 *
 * <p>The past runs are real runs: one drain and one health check are run on the lab, then their rows and those of the rounds measured at empty history — the engine's
 * history tables and Dayshift's evidence journal — are copied under new ids until there are about {@value #PAST_RUNS} of each in one
 * {@code INSERT … SELECT} per table, each copy's ids ending in a number of its own (running the 4,000 runs one by one would take hours, and give the same rows). Run it
 * with
 *
 * <pre>./mvnw test -Dtest=HistoryGrowthBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * It prints the {@value #SHOWN} statements that took most time at full history, and writes every statement to
 * {@code target/benchmarks/history-growth.txt}: its executions per measured round and its mean time with an empty and
 * with a full history; first, the statements whose cost grew.
 */
@RunbookEndToEndTest(timeFactor = "0")
@AutoConfigureObservability
class HistoryGrowthBenchmark extends EndToEndFixture {

    static final int PAST_RUNS = 2_000;
    static final int SHOWN = 25;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(180);

    /** The tables a past run leaves rows in, copied for the full history. */
    private static final List<String> HISTORY = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_VARINST", "ACT_HI_DETAIL",
            "ACT_HI_TASKINST", "ACT_HI_IDENTITYLINK", "ACT_HI_JOB_LOG", "ACT_HI_INCIDENT", "ACT_HI_OP_LOG",
            "dayshift_evidence", "dayshift_evidence_run", "dayshift_evidence_site_chain");
    /** The columns that identify a row, a run or an element of one: a copy gets them with a suffix of its own. */
    private static final Set<String> IDS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_", "act_inst_id_",
            "parent_act_inst_id_", "task_id_", "var_inst_id_", "super_process_instance_id_", "process_instance_id_", "job_id_",
            "call_proc_inst_id_", "root_cause_incident_id_", "cause_incident_id_", "operation_id_", "business_key_", "run_id",
            "super_case_instance_id_", "case_inst_id_", "case_execution_id_");

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/history-kolla.yaml");
        registry.add("dayshift.runbooks.drain-compute-node.check-interval", () -> "PT1S");
    }

    @TestConfiguration
    static class Timed {
        @Bean
        static StatementTimes statementTimes() {
            return new StatementTimes();
        }
    }

    @Autowired
    StatementTimes statements;
    @Autowired
    JdbcTemplate jdbc;

    private final List<String> rounds = new ArrayList<>();

    @Test
    void aRunbooksSqlAtEmptyAndAtFullHistory() throws Exception {
        Http admin = admin();
        Http olga = newUser(admin, port, "olga", "ops-leads");
        Http alice = newUser(admin, port, "alice", "approvers");

        // the past runs' model: one drain and one health check, run for real
        round(olga, alice, "cn01");
        Map<String, Long> before = rowCounts();

        // with an empty history (but the two runs to copy)
        round(olga, alice, "cn02"); // warm-up: compiled paths, caches
        statements.reset();
        round(olga, alice, "cn03");
        System.out.println("empty history: " + rounds);
        Map<String, StatementTimes.Figure> empty = statements.snapshot();

        // with PAST_RUNS copies of each
        long t0 = System.nanoTime();
        long drains = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'drain-compute-node'", Long.class);
        copyHistory((int) (PAST_RUNS / drains)); // each copy holds every run made so far: three drains, three checks
        long filled = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Long> after = rowCounts();
        System.out.println("history copied in " + filled + " ms: " + after);
        statements.reset();
        Map<String, StatementTimes.Figure> full;
        try {
            round(olga, alice, "cn04");
        } finally {
            full = statements.snapshot();
            if (rounds.size() < 4) { // the round at full history did not end: what it spent its time on so far
                report(before, after, filled, empty, full, SHOWN).forEach(System.out::println);
            }
        }

        List<String> shown = report(before, after, filled, empty, full, SHOWN);
        shown.addAll(rounds);
        shown.forEach(System.out::println);
        List<String> all = report(before, after, filled, empty, full, Integer.MAX_VALUE);
        all.addAll(rounds);
        Path out = Path.of("target", "benchmarks", "history-growth.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, all);
    }

    /** One drain of {@code host} (approved by alice), one health check of the site, one scrape of the metrics. */
    private void round(Http olga, Http alice, String host) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse started = new HttpResponse(olga.postJson("/engine-rest/process-definition/key/drain-compute-node/start",
                "{\"variables\": {\"site\": {\"value\": \"lab\"}, \"host\": {\"value\": \"" + host + "\"}, "
                        + "\"reason\": {\"value\": \"history benchmark, OPS-1\"}}}"));
        String drain = started.id();
        claimAndComplete(alice, "alice", waitForApproval(alice, drain), "{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"benchmark\"}}");
        assertThat(waitUntilCompleted(olga, drain, LIMIT).path("state").asText()).isEqualTo("COMPLETED");
        long t1 = System.nanoTime();
        String check = new HttpResponse(olga.postJson("/engine-rest/process-definition/key/site-health-check/start",
                "{\"variables\":{\"site\":{\"value\":\"lab\"}}}")).id();
        assertThat(waitUntilCompleted(olga, check, LIMIT).path("state").asText()).isEqualTo("COMPLETED");
        long t2 = System.nanoTime();
        assertThat(olga.get("/actuator/prometheus").statusCode()).isEqualTo(200);
        long t3 = System.nanoTime();
        rounds.add(String.format(Locale.ROOT, "  round %s: drain %.1f s, health check %.1f s, scrape %.0f ms (wall time)", host, (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (t3 - t2) / 1e6));
    }

    private JsonNode waitForApproval(Http user, String run) throws Exception {
        Instant limit = Instant.now().plus(LIMIT);
        while (Instant.now().isBefore(limit)) {
            JsonNode found = JSON.readTree(user.get("/engine-rest/task?processInstanceId=" + run + "&candidateGroup=approvers").body());
            if (found.size() == 1) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no approval task for run " + run + " within " + LIMIT);
    }

    /** Copies every row of the history tables {@code copies} times, each copy's ids with a suffix of its own. */
    private void copyHistory(int copies) {
        jdbc.execute("CREATE TABLE benchmark_copy (n INT NOT NULL PRIMARY KEY)");
        jdbc.batchUpdate("INSERT INTO benchmark_copy (n) VALUES (?)", java.util.stream.IntStream.rangeClosed(1, copies)
                .mapToObj(n -> new Object[] {n}).toList());
        for (String table : HISTORY) {
            List<String> columns = columns(table);
            StringBuilder select = new StringBuilder();
            for (String column : columns) {
                select.append(select.isEmpty() ? "" : ", ");
                if (IDS.contains(column)) {
                    // the same length (ids fill their columns): the last five characters — of the engine's ids, the
                    // part of the UUID that is the same for every id this node makes — become the copy's number
                    select.append("CASE WHEN LENGTH(t.").append(column).append(") > 5 THEN LEFT(t.").append(column).append(", LENGTH(t.")
                            .append(column).append(") - 5) || CAST(c.n + 50000 AS VARCHAR(5)) ELSE t.").append(column).append(" END");
                } else if (column.equals("seq") && table.endsWith("site_chain")) {
                    select.append("t.seq + c.n * 1000000");
                } else {
                    select.append("t.").append(column);
                }
            }
            jdbc.execute("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + select + " FROM " + table
                    + " t CROSS JOIN benchmark_copy c");
        }
    }

    private List<String> columns(String table) {
        return jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<List<String>>) connection -> {
            DatabaseMetaData meta = connection.getMetaData();
            String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table.toLowerCase(Locale.ROOT);
            List<String> found = new ArrayList<>();
            try (ResultSet rows = meta.getColumns(connection.getCatalog(), connection.getSchema(), name, null)) {
                while (rows.next()) {
                    found.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            return found;
        });
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        HISTORY.forEach(table -> counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)));
        return counts;
    }

    private static List<String> report(Map<String, Long> before, Map<String, Long> after, long fillMillis,
            Map<String, StatementTimes.Figure> empty, Map<String, StatementTimes.Figure> full, int shown) {
        List<String> lines = new ArrayList<>();
        lines.add("History growth: a drain-compute-node (approved), a site-health-check and a metrics scrape on the lab,");
        lines.add("with an empty history and with " + PAST_RUNS + " past runs of each (copied in " + fillMillis + " ms)");
        before.forEach((table, rows) -> lines.add(String.format("  %-30s %,9d rows -> %,11d", table, rows, after.get(table))));
        lines.add(String.format("all statements of a round: %,d executions, %.1f ms at empty; %,d executions, %.1f ms at full",
                empty.values().stream().mapToLong(StatementTimes.Figure::count).sum(),
                empty.values().stream().mapToLong(StatementTimes.Figure::nanos).sum() / 1e6,
                full.values().stream().mapToLong(StatementTimes.Figure::count).sum(),
                full.values().stream().mapToLong(StatementTimes.Figure::nanos).sum() / 1e6));
        lines.add("grown: statements whose mean at full history is over three times, and over 1 ms more than, their mean at empty");
        full.forEach((sql, at) -> {
            StatementTimes.Figure was = empty.get(sql);
            if (was != null && at.mean() > 3 * was.mean() && at.mean() - was.mean() > 1) {
                lines.add(String.format(Locale.ROOT, "  %5d  %8.3f -> %8.3f  %s", at.count(), was.mean(), at.mean(), sql));
            }
        });
        lines.add("per statement, by total time at full history: executions per round; mean ms at empty -> at full; total ms at full");
        full.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().nanos(), a.getValue().nanos())).limit(shown).forEach(e -> {
            StatementTimes.Figure at = empty.get(e.getKey());
            lines.add(String.format("  %5d  %8.3f -> %8.3f  %9.1f  %s", e.getValue().count(), at == null ? Double.NaN : at.mean(), e.getValue().mean(),
                    e.getValue().nanos() / 1e6, e.getKey()));
        });
        return lines;
    }

    /** The id of a started run, from the engine's answer. */
    private record HttpResponse(java.net.http.HttpResponse<String> answer) {
        String id() throws Exception {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body()).path("id").asText();
        }
    }

    /**
     * Wraps the service's data source: each statement's SQL (its text, blanks collapsed) is counted and timed from the
     * call that runs it until it returns (not the reading of its rows).
     */
    static final class StatementTimes implements BeanPostProcessor {

        record Figure(long count, long nanos) {
            double mean() {
                return count == 0 ? 0 : nanos / 1e6 / count;
            }
        }

        private final Map<String, LongAdder[]> times = new ConcurrentHashMap<>();

        void reset() {
            times.clear();
        }

        Map<String, Figure> snapshot() {
            Map<String, Figure> copy = new TreeMap<>();
            times.forEach((sql, t) -> copy.put(sql, new Figure(t[0].sum(), t[1].sum())));
            return copy;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (bean instanceof DataSource dataSource && !(Proxy.isProxyClass(bean.getClass()))) {
                return wrap(DataSource.class, dataSource, (target, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? connection(connection) : result;
                });
            }
            return bean;
        }

        private Connection connection(Connection connection) {
            return wrap(Connection.class, connection, (target, method, args) -> {
                Object result = invoke(target, method, args);
                if (result instanceof java.sql.PreparedStatement prepared && args != null && args[0] instanceof String sql) {
                    return wrap(prepared instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class : java.sql.PreparedStatement.class,
                            prepared, (s, m, a) -> m.getName().startsWith("execute") ? timed(sql, s, m, a) : invoke(s, m, a));
                }
                if (result instanceof Statement statement && !(result instanceof java.sql.PreparedStatement)) {
                    return wrap(Statement.class, statement, (s, m, a) -> m.getName().startsWith("execute") && a != null && a.length > 0
                            && a[0] instanceof String sql ? timed(sql, s, m, a) : invoke(s, m, a));
                }
                return result;
            });
        }

        private Object timed(String sql, Object target, Method method, Object[] args) throws Throwable {
            long t0 = System.nanoTime();
            try {
                return invoke(target, method, args);
            } finally {
                long took = System.nanoTime() - t0;
                LongAdder[] t = times.computeIfAbsent(sql.replaceAll("\\s+", " ").strip(), k -> new LongAdder[] {new LongAdder(), new LongAdder()});
                t[0].increment();
                t[1].add(took);
            }
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        interface Call {
            Object call(Object target, Method method, Object[] args) throws Throwable;
        }

        @SuppressWarnings("unchecked")
        private static <T> T wrap(Class<? extends T> type, T target, Call call) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().equals("unwrap") && args[0] instanceof Class<?> wanted && wanted.isInstance(target)) {
                    return target;
                }
                if (method.getName().equals("isWrapperFor") && args[0] instanceof Class<?> wanted && wanted.isInstance(target)) {
                    return true;
                }
                return call.call(target, method, args);
            };
            return (T) Proxy.newProxyInstance(HistoryGrowthBenchmark.class.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }
}
