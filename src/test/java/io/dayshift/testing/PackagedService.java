package io.dayshift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged service started as a user starts it: {@code java -jar target/dayshift-<version>.jar} in a fresh, empty working
 * directory (so the default start: H2 under {@code ./data}, the built-in lab), its output in {@code service.log} there. For
 * the benchmarks that measure what a user sees; the jar is the one {@code ./mvnw -o package -DskipTests} leaves in
 * {@code target/}, or the one named by {@code -Dservice.jar=…} (e.g. the jar of an earlier commit, to compare).
 */
public final class PackagedService implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Started DayshiftApplication in ([0-9.]+) seconds");

    private final Process process;
    private final Path directory;
    private final int port;
    private final long launchedNanos;

    private PackagedService(Process process, Path directory, int port, long launchedNanos) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.launchedNanos = launchedNanos;
    }

    /** The jar to start: {@code -Dservice.jar}, else the only {@code dayshift-*.jar} in {@code target/}; refuses without one. */
    public static Path jar() {
        String named = System.getProperty("service.jar", "");
        if (!named.isBlank()) {
            Path jar = Path.of(named);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("service.jar names " + jar + ", which is not a file");
            }
            return jar;
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("dayshift-.*\\.jar")).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one packaged jar target/dayshift-<version>.jar, found " + jars.size()
                        + ": package the service first (./mvnw -o package -DskipTests), or name a jar with -Dservice.jar=<path>");
            }
            return jars.get(0).toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException("no target/ directory: package the service first (./mvnw -o package -DskipTests)", e);
        }
    }

    /**
     * Launches {@code java [jvmArguments] -jar <jar> --server.port=<free port> [arguments]} in a new temporary directory,
     * with {@code environment} added to this JVM's, and returns at once (see {@link #awaitHealthy}).
     */
    public static PackagedService launch(List<String> jvmArguments, List<String> arguments, Map<String, String> environment) throws IOException {
        Path directory = Files.createTempDirectory("dayshift-packaged-");
        int port = LabTests.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.addAll(List.of("-jar", jar().toString(), "--server.port=" + port));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("service.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DAYSHIFT_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS"));
        builder.environment().putAll(environment);
        long launched = System.nanoTime();
        return new PackagedService(builder.start(), directory, port, launched);
    }

    /** Waits until {@code /actuator/health} answers UP; returns the time since the launch. */
    public Duration awaitHealthy(Duration limit) throws InterruptedException {
        return awaitAnswer("/actuator/health", "\"UP\"", limit);
    }

    /** Waits until {@code path} answers 200 with a body containing {@code expected}; returns the time since the launch. */
    public Duration awaitAnswer(String path, String expected, Duration limit) throws InterruptedException {
        Http anonymous = Http.anonymous(port);
        while (true) {
            Duration since = sinceLaunch();
            if (!process.isAlive() || since.compareTo(limit) > 0) {
                close();
                throw new AssertionError(path + " did not answer " + since.toSeconds() + " s after its launch ("
                        + (process.isAlive() ? "still starting" : "exit " + process.exitValue()) + "); its log: " + log() + "\n" + tail());
            }
            try {
                HttpResponse<String> answer = anonymous.get(path);
                if (answer.statusCode() == 200 && answer.body().contains(expected)) {
                    return sinceLaunch();
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
    }

    public Duration sinceLaunch() {
        return Duration.ofNanos(System.nanoTime() - launchedNanos);
    }

    /** The seconds Spring Boot itself reports ("Started DayshiftApplication in … seconds"), once it has logged them. */
    public Optional<Double> reportedStartSeconds() {
        try {
            Matcher started = STARTED.matcher(Files.readString(log()));
            return started.find() ? Optional.of(Double.parseDouble(started.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The process's resident set size (VmRSS of /proc/<pid>/status), in KiB. */
    public long residentKib() throws IOException {
        return statusKib("VmRSS");
    }

    private long statusKib(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + process.pid() + "/status");
    }

    /**
     * The JVM's own view of its memory, by the JDK's {@code jcmd}: heap committed and used, metaspace committed, in KiB
     * ({@code -1} where it could not be read).
     */
    public long[] heapAndMetaspaceKib() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(30, TimeUnit.SECONDS);
        Matcher heap = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K").matcher(out);
        Matcher meta = Pattern.compile("Metaspace\\s+used (\\d+)K, committed (\\d+)K").matcher(out);
        boolean heapFound = heap.find();
        return new long[] {heapFound ? Long.parseLong(heap.group(1)) : -1, heapFound ? Long.parseLong(heap.group(2)) : -1,
                meta.find() ? Long.parseLong(meta.group(2)) : -1};
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return directory.resolve("service.log");
    }

    /** The last lines of the service's log, for a failure's message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the service (SIGTERM, then SIGKILL after 30 s) and removes its directory. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
