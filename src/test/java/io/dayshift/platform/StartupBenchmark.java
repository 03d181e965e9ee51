package io.dayshift.platform;

import io.dayshift.testing.PackagedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not part of {@code ./mvnw verify} (its name does not end in Test): the packaged service started as a user
 * starts it, {@code java -jar target/dayshift-<version>.jar} on the default start (H2 in a fresh temporary directory, the
 * built-in lab), five times one after the other. For each start: the seconds from the launch to {@code /actuator/health}
 * answering UP, to the lab's Keystone ({@code /lab/openstack/lab/identity/v3}) answering, and as Spring Boot reports them;
 * then, after the service idled (60 s), its resident set size (VmRSS) and the JVM's heap (committed, used) and
 * metaspace. Package first, then run it:
 *
 * <pre>
 * ./mvnw -o package -DskipTests
 * ./mvnw -o test -Dtest=StartupBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * {@code -Dstartup.runs=5}, {@code -Dstartup.idle=60} (seconds), {@code -Dstartup.jvm="-Xmx512m …"} (JVM options of the
 * service, none by default: {@code java -jar} as the README says) and {@code -Dservice.jar=<path>} (another jar, e.g. an
 * earlier commit's, to compare on the same machine) change what is measured. It prints the figures and writes them to
 * {@code target/benchmarks/startup.txt}.
 */
class StartupBenchmark {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final String LAB_KEYSTONE = "/lab/openstack/lab/identity/v3";

    record Start(double healthySeconds, double labSeconds, double reportedSeconds, long rssMib, long heapCommittedMib,
                 long heapUsedMib, long metaspaceMib) {
    }

    @Test
    void startsAndIdles() throws Exception {
        int runs = Integer.getInteger("startup.runs", 5);
        int idle = Integer.getInteger("startup.idle", 60);
        List<String> jvm = Arrays.stream(System.getProperty("startup.jvm", "").split("\\s+")).filter(s -> !s.isBlank()).toList();
        List<Start> starts = new ArrayList<>();
        StringBuilder report = new StringBuilder("Start-up and idle memory: java " + String.join(" ", jvm) + " -jar "
                + PackagedService.jar().getFileName() + " (default start: H2 in a fresh directory, the built-in lab), " + runs
                + " starts, RSS after " + idle + " s idle; " + Runtime.getRuntime().availableProcessors() + " cores\n\n");
        report.append(String.format("%-5s %9s %9s %10s %8s %14s %10s %10s%n", "start", "healthy", "lab", "reported", "RSS",
                "heap committed", "heap used", "metaspace"));
        for (int run = 1; run <= runs; run++) {
            try (PackagedService service = PackagedService.launch(jvm, List.of(), Map.of())) {
                double lab = seconds(service.awaitAnswer(LAB_KEYSTONE, "v3", LIMIT));
                double healthy = seconds(service.awaitHealthy(LIMIT));
                Thread.sleep(Duration.ofSeconds(idle).toMillis());
                long[] memory = service.heapAndMetaspaceKib();
                Start start = new Start(healthy, lab, service.reportedStartSeconds().orElse(Double.NaN), service.residentKib() / 1024,
                        memory[0] / 1024, memory[1] / 1024, memory[2] / 1024);
                starts.add(start);
                String line = String.format("%-5d %8.1fs %8.1fs %9.1fs %5d MB %11d MB %7d MB %7d MB%n", run, start.healthySeconds(),
                        start.labSeconds(), start.reportedSeconds(), start.rssMib(), start.heapCommittedMib(), start.heapUsedMib(),
                        start.metaspaceMib());
                System.out.print(line);
                report.append(line);
            }
        }
        report.append('\n')
                .append(summary("healthy (s)", starts, Start::healthySeconds))
                .append(summary("lab answers (s)", starts, Start::labSeconds))
                .append(summary("reported by Spring Boot (s)", starts, Start::reportedSeconds))
                .append(summary("RSS after idle (MB)", starts, s -> s.rssMib()))
                .append(summary("heap committed (MB)", starts, s -> s.heapCommittedMib()))
                .append(summary("heap used (MB)", starts, s -> s.heapUsedMib()))
                .append(summary("metaspace (MB)", starts, s -> s.metaspaceMib()));
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "startup.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static String summary(String what, List<Start> starts, ToDoubleFunction<Start> value) {
        double[] sorted = starts.stream().mapToDouble(value).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return String.format("%-28s median %7.1f   range %7.1f – %7.1f%n", what, median, sorted[0], sorted[sorted.length - 1]);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
