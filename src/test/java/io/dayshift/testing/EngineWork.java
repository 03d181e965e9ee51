package io.dayshift.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The engine's own work, for benchmarks only (registered by {@link Configuration}, never by the service): the time spent
 * inside engine commands and how many ran, by command, counted at the outermost command of a thread (a command a
 * command calls is part of its caller's time), on every thread but those {@link #ignore ignored} (a benchmark's own
 * thread, which looks at the run as a person would); and the rows of the history tables. A job's command includes what
 * its delegate does (an SSH command, an HTTP request to the lab): the engine's time is the time its job threads and
 * acquisition spend in it.
 */
public final class EngineWork {

    /** The command that executes one job. */
    public static final String EXECUTE_JOB = "ExecuteJobsCmd";
    /** The command by which the job executor acquires due jobs. */
    public static final String ACQUIRE_JOBS = "AcquireJobsCmd";

    private final Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Set<Thread> ignored = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private volatile boolean measuring;

    /** Registers the command interceptor; the bean the benchmark reads its figures from. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @Bean
        EngineWork engineWork() {
            return new EngineWork();
        }

        @Bean
        AbstractProcessEnginePlugin engineWorkPlugin(EngineWork work) {
            return new AbstractProcessEnginePlugin() {
                @Override
                public void preInit(ProcessEngineConfigurationImpl configuration) {
                    configuration.setCustomPreCommandInterceptorsTxRequired(with(configuration.getCustomPreCommandInterceptorsTxRequired(), work));
                    configuration.setCustomPreCommandInterceptorsTxRequiresNew(with(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), work));
                }
            };
        }

        private static List<CommandInterceptor> with(List<CommandInterceptor> before, EngineWork work) {
            List<CommandInterceptor> all = new ArrayList<>(before == null ? List.of() : before);
            all.add(0, work.new Interceptor());
            return all;
        }
    }

    final class Interceptor extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            int[] d = depth.get();
            if (d[0] > 0 || !measuring || ignored.contains(Thread.currentThread())) {
                d[0]++;
                try {
                    return next.execute(command);
                } finally {
                    d[0]--;
                }
            }
            d[0]++;
            long start = System.nanoTime();
            try {
                return next.execute(command);
            } finally {
                d[0]--;
                String name = command.getClass().getSimpleName();
                nanos.computeIfAbsent(name, n -> new AtomicLong()).addAndGet(System.nanoTime() - start);
                counts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    /** Commands on this thread are not counted (the benchmark's own looks at the run). */
    public void ignore(Thread thread) {
        ignored.add(thread);
    }

    /** Forgets what was counted and counts from now on. */
    public void start() {
        nanos.clear();
        counts.clear();
        measuring = true;
    }

    public void stop() {
        measuring = false;
    }

    /** Time inside outermost commands, all of them. */
    public Duration time() {
        return Duration.ofNanos(nanos.values().stream().mapToLong(AtomicLong::get).sum());
    }

    /** Time inside outermost commands of one class ({@link #EXECUTE_JOB}…). */
    public Duration time(String command) {
        return Duration.ofNanos(nanos.getOrDefault(command, new AtomicLong()).get());
    }

    /** How many outermost commands of one class ran. */
    public long count(String command) {
        return counts.getOrDefault(command, new AtomicLong()).get();
    }

    /** How many outermost commands ran. */
    public long count() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The rows of every history table ({@code ACT_HI_*}), by table. */
    public static Map<String, Long> historyRows(DataSource dataSource) {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            for (String pattern : List.of("ACT_HI_%", "act_hi_%")) {
                try (ResultSet rs = meta.getTables(null, null, pattern, new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                for (String table : tables) {
                    try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                        rs.next();
                        rows.put(table.toUpperCase(java.util.Locale.ROOT), rs.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the history tables' rows: " + e.getMessage(), e);
        }
        return rows;
    }
}
