package io.dayshift.runbook.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.access.Roles;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.Instance;
import io.dayshift.lab.model.LabOperation;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.SimulatedOperation;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.await.Operation;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.runbook.drain.DrainInstance;
import io.dayshift.runbook.drain.DrainInstances;
import io.dayshift.runbook.drain.MigrationProbe;
import io.dayshift.runbook.drain.Resources;
import io.dayshift.testing.EngineWork;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.ServiceTest;
import io.dayshift.testing.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The rolling-upgrade benchmarks' one body (their classes name the site's size): {@code rolling-upgrade} of a
 * generated Kolla lab site, 2023.2 to 2024.1, the whole service with its job executor on, the lab at its
 * {@linkplain io.dayshift.lab.model.LabPace#REALISTIC realistic pace} scaled down by the time factor, and Dayshift's own
 * waits — every check interval, the shortest time between two looks ({@code dayshift.waits.min-look}) and the job
 * executor's idle waits — their real-site defaults scaled by the same factor, so that the ratio of the wall time to the
 * ideal means what it would on a real site. An ops lead answers the drains' questions (instances in ERROR cannot be
 * migrated: skip, finish, proceed), as in the end-to-end test.
 *
 * <p>It reports the wall time from the approval to the end; the ideal ({@link UpgradeIdeal}: the plan's critical path
 * on the lab's timings, from the instances each drain found); their ratio; the simulated work per operation kind, as the
 * ideal has it and as the lab recorded it; and the engine's own work from the approval to the end ({@link EngineWork}):
 * jobs executed, time inside engine commands and history rows written per table, each also per compute host and per
 * instance. Printed and written to {@code target/benchmarks/rolling-upgrade-<size>.txt}. The time factor is
 * {@code -Dbenchmark.time-factor} ({@value #DEFAULT_TIME_FACTOR} by default).
 */
@ServiceTest
@Import(EngineWork.Configuration.class)
abstract class RollingUpgradeBenchmarkBase {

    /** A site to upgrade: its topology, its canary and the plan's batch size; patience: how long the benchmark waits at most. */
    record Size(String name, String topology, String canary, int batch, Duration patience) {
    }

    static final Size SMALL = new Size("small", "lab/medium.yaml", "cn001", 5, Duration.ofMinutes(60));
    static final Size LARGE = new Size("large", "lab/large.yaml", "cn001", 10, Duration.ofMinutes(180));
    static final Size XLARGE = new Size("xlarge", "lab/xlarge.yaml", "cn0001", 10, Duration.ofHours(10));

    static final String DEFAULT_TIME_FACTOR = "0.01";
    static final double TIME_FACTOR = Double.parseDouble(System.getProperty("benchmark.time-factor", DEFAULT_TIME_FACTOR));
    /** Instances a drain moves together ({@code dayshift.runbooks.drain-compute-node.batch-size}). */
    static final int DRAIN_BATCH = 10;
    private static final String SITE = "bench";
    private static final Path DIR = LabTests.tempDirectory("rolling-upgrade-bench-");
    private static final int PORT = LabTests.freePort();

    /** The service's own application.yml, as the code under test has it (so the same benchmark measures each version with its settings). */
    private static final java.util.Properties SERVICE_SETTINGS = serviceSettings();

    /**
     * Dayshift's waits at their real-site defaults (the {@code @Value} defaults of each runbook's settings, application.yml
     * for the job executor, {@code dayshift.waits.min-look} PT1S), which the benchmark sets multiplied by the time factor.
     */
    static final Map<String, Duration> REAL_SITE_WAITS = realSiteWaits();

    private static Map<String, Duration> realSiteWaits() {
        Map<String, Duration> waits = new LinkedHashMap<>();
        waits.put("dayshift.runbooks.rolling-upgrade.check-interval", Duration.ofMinutes(1));
        waits.put("dayshift.runbooks.drain-compute-node.check-interval", Duration.ofSeconds(30));
        waits.put("dayshift.runbooks.add-compute-node.check-interval", Duration.ofSeconds(30));
        waits.put("dayshift.runbooks.commission-machines.check-interval", Duration.ofSeconds(30));
        waits.put("dayshift.runbooks.dr-restore.check-interval", Duration.ofSeconds(30));
        waits.put("dayshift.runbooks.sev1-incident.check-interval", Duration.ofSeconds(15));
        waits.put("dayshift.backup.poll-interval", Duration.ofMinutes(1));
        waits.put("dayshift.waits.min-look", Duration.ofSeconds(1));
        for (String key : List.of("camunda.bpm.job-execution.wait-time-in-millis", "camunda.bpm.job-execution.max-wait")) {
            waits.put(key, Duration.ofMillis(Long.parseLong(SERVICE_SETTINGS.getProperty(key))));
        }
        return java.util.Collections.unmodifiableMap(waits);
    }

    private static java.util.Properties serviceSettings() {
        org.springframework.beans.factory.config.YamlPropertiesFactoryBean yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
        yaml.setResources(new org.springframework.core.io.ClassPathResource("application.yml"));
        return yaml.getObject();
    }

    /** A real-site wait times the factor, at least a millisecond. */
    static Duration scaled(Duration realSite) {
        return Duration.ofNanos(Math.max(1_000_000L, (long) (realSite.toNanos() * TIME_FACTOR))).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** The service's settings for a benchmark of {@code size}. */
    static void register(DynamicPropertyRegistry registry, Size size) {
        registry.add("server.port", () -> PORT);
        registry.add("dayshift.lab.enabled", () -> "true");
        registry.add("dayshift.lab.directory", DIR::toString);
        registry.add("dayshift.lab.sites." + SITE, size::topology);
        registry.add("dayshift.lab.pace", () -> "realistic");
        registry.add("dayshift.lab.time-factor", () -> Double.toString(TIME_FACTOR));
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
        REAL_SITE_WAITS.forEach((key, wait) -> registry.add(key, () -> key.endsWith("-millis") || key.endsWith("max-wait")
                ? Long.toString(scaled(wait).toMillis()) : scaled(wait).toString()));
        registry.add("dayshift.runbooks.drain-compute-node.batch-size", () -> Integer.toString(DRAIN_BATCH));
        // the generated topologies grade AMBER (a few hosts above 75 % disk, some above 80 % RAM): the gate is set at 90 % for
        // the benchmark, which measures the upgrade, not the health check
        registry.add("dayshift.health-check.disk-percent", () -> "90");
        registry.add("dayshift.health-check.ram-percent", () -> "90");
    }

    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    LabSites lab;
    @Autowired
    EngineWork engine;
    @Autowired
    DataSource dataSource;

    /** The size this class benchmarks. */
    abstract Size size();

    @Test
    void upgradesTheSiteAndReportsHowFarFromTheIdeal() throws Exception {
        Size size = size();
        Users.ensure(identity, "olga", Roles.OPS_LEADS);
        Users.ensure(identity, "anna", Roles.APPROVERS);
        LabSite site = lab.require(SITE);
        engine.ignore(Thread.currentThread());
        List<Instance> before = site.nova().instances();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

        Instant began = Instant.now();
        ProcessInstance pi = as("olga", () -> {
            Map<String, Object> variables = new HashMap<>();
            variables.put("site", SITE);
            variables.put("targetRelease", "2024.1");
            variables.put("batchSize", (long) size.batch());
            variables.put("windowStart", now.minusMinutes(1).toString());
            variables.put("windowEnd", now.plusHours(8).toString());
            variables.put("canaryHost", size.canary());
            return runtime.startProcessInstanceByKey(RollingUpgrade.PROCESS_KEY, variables);
        });
        Task approval = waitFor(() -> tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(RollingUpgrade.Elements.APPROVE_PLAN)
                .singleResult(), pi);
        Map<String, Long> rowsBefore = EngineWork.historyRows(dataSource);
        engine.start();
        Instant approved = Instant.now();
        as("anna", () -> {
            tasks.claim(approval.getId(), "anna");
            tasks.complete(approval.getId(), Map.of("approve", true, "approvalReason", "benchmark"));
            return null;
        });
        waitFor(() -> {
            answerDrainQuestions();
            return runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0 ? Boolean.TRUE : null;
        }, pi);
        Instant ended = Instant.now();
        engine.stop();
        Map<String, Long> rowsAfter = EngineWork.historyRows(dataSource);
        List<SimulatedOperation> performed = site.operations().stream().filter(op -> !op.start().isBefore(approved)).toList();

        UpgradePlan plan = (UpgradePlan) history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("plan").singleResult()
                .getValue();
        String summary = String.valueOf(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("summary").singleResult()
                .getValue());
        Map<String, DrainInstances> found = foundByDrains(pi);
        UpgradeIdeal ideal = UpgradeIdeal.of(plan, site.timings(), found, DRAIN_BATCH);
        UpgradeIdeal idealBefore = UpgradeIdeal.of(plan, site.timings(), asFoundBefore(before), DRAIN_BATCH);

        String report = report(size, plan, before, summary, found, ideal, idealBefore, performed, rowsBefore, rowsAfter,
                Duration.between(began, approved), Duration.between(approved, ended));
        System.out.println(report);
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/rolling-upgrade-" + size.name() + ".txt"), report + "\n");
        assertThat(summary).contains("upgraded");
        assertThat(site.kolla().hostReleases().entrySet().stream().filter(e -> e.getKey().startsWith("cn")).map(Map.Entry::getValue)).containsOnly("2024.1");
    }

    private String report(Size size, UpgradePlan plan, List<Instance> before, String summary, Map<String, DrainInstances> found, UpgradeIdeal ideal,
                          UpgradeIdeal idealBefore, List<SimulatedOperation> performed, Map<String, Long> rowsBefore, Map<String, Long> rowsAfter,
                          Duration toApproval, Duration wall) {
        int hosts = plan.hosts().size();
        int instances = before.size();
        Map<String, Long> byStatus = before.stream().collect(Collectors.groupingBy(i -> i.status().name(), TreeMap::new, Collectors.counting()));
        List<String> lines = new ArrayList<>();
        lines.add("rolling-upgrade of " + size.topology() + " (kolla), 2023.2 -> 2024.1, canary " + size.canary() + ", batches of " + size.batch()
                + ", drains moving " + DRAIN_BATCH + " instances at a time");
        lines.add("lab: pace realistic, time factor " + TIME_FACTOR + "; Dayshift's waits: their real-site defaults x " + TIME_FACTOR + ": "
                + REAL_SITE_WAITS.entrySet().stream().map(e -> e.getKey().replaceFirst("^dayshift\\.(runbooks\\.)?|^camunda\\.bpm\\.", "") + " "
                + scaled(e.getValue()).toMillis() + " ms").collect(Collectors.joining(", ")));
        lines.add("site: " + hosts + " compute hosts, " + instances + " instances before the run " + byStatus + "; " + plan.batches().size()
                + " batches (canary included), " + plan.controlPlane().size() + " control-plane steps; instances the drains found: "
                + found.values().stream().mapToInt(d -> d.instances().size()).sum());
        lines.add(String.format(Locale.ROOT, "wall time: start to approval task %.1f s; approval to end %.1f s", seconds(toApproval), seconds(wall)));
        lines.add(String.format(Locale.ROOT, "ideal (approval to end): %.1f s = backup %.1f + preparation %.1f + control plane %.1f + drains %.1f"
                        + " + batch upgrades %.1f + smoke test %.1f", seconds(ideal.total()), seconds(ideal.sum("backup")), seconds(ideal.sum("preparation")),
                seconds(ideal.sum("control plane")), seconds(ideal.sum("drain ")), seconds(ideal.sum("batch ")), seconds(ideal.sum("smoke"))));
        lines.add(String.format(Locale.ROOT, "RATIO wall / ideal: %.2f   (wall %.1f s, ideal %.1f s; in real-site time the ideal is %.1f h)",
                seconds(wall) / seconds(ideal.total()), seconds(wall), seconds(ideal.total()), seconds(ideal.total()) / TIME_FACTOR / 3600));
        lines.add(String.format(Locale.ROOT, "ideal from the site as it was before the run (instances moved onto hosts drained later not counted): %.1f s",
                seconds(idealBefore.total())));
        lines.add("simulated work per operation kind after the approval, ideal | lab's record (count, sum):");
        Map<LabOperation, List<SimulatedOperation>> recorded = new EnumMap<>(LabOperation.class);
        performed.forEach(op -> recorded.computeIfAbsent(op.kind(), k -> new ArrayList<>()).add(op));
        java.util.Set<LabOperation> kinds = new java.util.TreeSet<>(recorded.keySet());
        kinds.addAll(ideal.work().keySet());
        for (LabOperation kind : kinds) {
            List<SimulatedOperation> ops = recorded.getOrDefault(kind, List.of());
            Duration done = ops.stream().map(SimulatedOperation::duration).reduce(Duration.ZERO, Duration::plus);
            Duration planned = ideal.work().getOrDefault(kind, Duration.ZERO);
            lines.add(String.format(Locale.ROOT, "  %-28s ideal %9.1f s | lab %5d x, %9.1f s%s", kind.key(), seconds(planned), ops.size(), seconds(done),
                    planned.equals(done) ? "" : "   (differs)"));
        }
        long jobs = engine.count(EngineWork.EXECUTE_JOB);
        Duration engineTime = engine.time();
        lines.add(String.format(Locale.ROOT, "engine: %d jobs executed (%.1f per host, %.2f per instance); %d commands in all", jobs, (double) jobs / hosts,
                (double) jobs / instances, engine.count()));
        lines.add(String.format(Locale.ROOT, "engine time: %.1f s inside engine commands (%.3f s per host, %.4f s per instance): executing jobs %.1f s"
                        + " (delegates' calls to the lab included), acquiring jobs %.1f s in %d acquisitions, other %.1f s", seconds(engineTime),
                seconds(engineTime) / hosts, seconds(engineTime) / instances, seconds(engine.time(EngineWork.EXECUTE_JOB)),
                seconds(engine.time(EngineWork.ACQUIRE_JOBS)), engine.count(EngineWork.ACQUIRE_JOBS),
                seconds(engineTime.minus(engine.time(EngineWork.EXECUTE_JOB)).minus(engine.time(EngineWork.ACQUIRE_JOBS)))));
        Map<String, Long> written = new TreeMap<>();
        rowsAfter.forEach((table, n) -> {
            long delta = n - rowsBefore.getOrDefault(table, 0L);
            if (delta != 0) {
                written.put(table, delta);
            }
        });
        long rows = written.values().stream().mapToLong(Long::longValue).sum();
        lines.add(String.format(Locale.ROOT, "history rows written: %d (%.1f per host, %.2f per instance)", rows, (double) rows / hosts, (double) rows / instances));
        written.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> lines.add(String.format(Locale.ROOT,
                "  %-32s %8d (%.1f per host, %.2f per instance)", e.getKey(), e.getValue(), (double) e.getValue() / hosts, (double) e.getValue() / instances)));
        lines.add("summary: " + summary);
        return String.join("\n", lines);
    }

    /** Per host, the instances its drain listed first (Task_ListInstances), from the drain's history. */
    private Map<String, DrainInstances> foundByDrains(ProcessInstance pi) {
        Map<String, DrainInstances> found = new HashMap<>();
        List<HistoricProcessInstance> drains = history.createHistoricProcessInstanceQuery().rootProcessInstanceId(pi.getId())
                .processDefinitionKey(RollingUpgrade.DRAIN_KEY).orderByProcessInstanceStartTime().asc().list();
        for (HistoricProcessInstance drain : drains) {
            String host = String.valueOf(history.createHistoricVariableInstanceQuery().processInstanceId(drain.getId())
                    .variableName(DrainComputeNode.Variables.HOST.name()).singleResult().getValue());
            history.createHistoricDetailQuery().variableUpdates().processInstanceId(drain.getId()).list().stream()
                    .map(HistoricVariableUpdate.class::cast)
                    .filter(u -> u.getVariableName().equals(DrainComputeNode.Variables.INSTANCES.name()) && u.getValue() instanceof DrainInstances)
                    .min(Comparator.comparing(HistoricVariableUpdate::getTime).thenComparing(HistoricVariableUpdate::getRevision))
                    .ifPresent(first -> found.putIfAbsent(host, (DrainInstances) first.getValue()));
        }
        return found;
    }

    /** Per host, its instances before the run, as a drain would have listed them then. */
    private static Map<String, DrainInstances> asFoundBefore(List<Instance> before) {
        return before.stream().collect(Collectors.groupingBy(Instance::host, Collectors.collectingAndThen(Collectors.toList(), list -> new DrainInstances(
                list.stream().map(i -> new DrainInstance(i.id(), i.name(), i.projectId(), i.status().name(), i.flavor().name(),
                        new Resources(i.flavor().vcpus(), i.flavor().ramMib(), i.flavor().diskGib()), i.zone(), i.serverGroupId(), "", "", Map.of()))
                        .toList()))));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private void answerDrainQuestions() throws Exception {
        for (Task t : tasks.createTaskQuery().list()) {
            String decision = switch (t.getTaskDefinitionKey()) {
                case AwaitOperation.DECIDE -> tasks.getVariable(t.getId(), "operation") instanceof Operation o && o.kind().equals(MigrationProbe.KIND) ? "skip" : null;
                case "Task_DecideHostNotEmpty" -> "finish";
                case RollingUpgrade.Batch.DECIDE_DRAIN_FAILURE -> "proceed";
                default -> null;
            };
            if (decision != null) {
                try {
                    as("olga", () -> {
                        if (t.getAssignee() == null) {
                            tasks.claim(t.getId(), "olga");
                        }
                        tasks.complete(t.getId(), Map.of("decision", decision, "note", "an instance in ERROR stays on the host for the upgrade"));
                        return null;
                    });
                } catch (org.camunda.bpm.engine.OptimisticLockingException | org.camunda.bpm.engine.TaskAlreadyClaimedException busy) {
                    // a job of the same run changed it meanwhile, as a person clicking would see: try again at the next look
                }
            }
        }
    }

    private <T> T as(String user, Callable<T> work) throws Exception {
        identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList());
        try {
            return work.call();
        } finally {
            identity.clearAuthentication();
        }
    }

    private <T> T waitFor(Callable<T> read, ProcessInstance pi) throws Exception {
        Duration patience = size().patience();
        Instant until = Instant.now().plus(patience);
        T value = read.call();
        while (value == null) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not done within " + patience + "; at " + runtime.getActiveActivityIds(pi.getId()) + ", incidents "
                        + runtime.createIncidentQuery().list().stream().map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList());
            }
            if (runtime.createIncidentQuery().count() > 0) {
                throw new AssertionError("incident: " + runtime.createIncidentQuery().list().stream()
                        .map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList());
            }
            Thread.sleep(250);
            value = read.call();
            if (value == null && runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0) {
                throw new AssertionError("the run ended: " + history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                        .variableName("summary").singleResult().getValue());
            }
        }
        return value;
    }
}
