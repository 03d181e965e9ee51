package io.dayshift.testing;

import io.dayshift.DayshiftApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node of the service in a JVM of its own (the service's main class on the test classpath, as {@link RunningLabProcess}
 * starts the lab), with its job executor on, its own {@code dayshift.node.id} and a fixed port, so that a test can kill it
 * with SIGKILL and start the same node again on the same database. Its output goes to {@code <directory>/<node>.log}, every
 * start appended.
 */
public final class RunningServiceNode implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    private final String id;
    private final int port;
    private final Path log;
    private final List<String> command;
    private Process process;
    private Instant startedAt;

    private RunningServiceNode(String id, int port, Path log, List<String> command) {
        this.id = id;
        this.port = port;
        this.log = log;
        this.command = command;
    }

    /**
     * Starts node {@code id} in {@code directory} and waits until it answers; {@code arguments} are its settings
     * ({@code --name=value}: the database, the sites' settings to import, …).
     */
    public static RunningServiceNode start(Path directory, String id, List<String> arguments) throws IOException, InterruptedException {
        int port = LabTests.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx640m",
                "-XX:TieredStopAtLevel=1", "-cp", classPath(), DayshiftApplication.class.getName()));
        command.addAll(arguments);
        command.addAll(List.of("--server.port=" + port,
                "--dayshift.node.id=" + id,
                "--dayshift.node.id-file=" + directory.resolve(id + ".node-id"),
                "--dayshift.lab.enabled=false",
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000",
                "--spring.main.banner-mode=off"));
        RunningServiceNode node = new RunningServiceNode(id, port, directory.resolve(id + ".log"), command);
        node.startAgain();
        return node;
    }

    /**
     * The test JVM's class path without its empty entries: an empty entry is the working directory, where the service's
     * deployment pattern would find the runbooks' sources ({@code processes/}) a second time.
     */
    private static String classPath() {
        return String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).toList());
    }

    /** Starts the node's JVM again with the same settings (after {@link #kill()}) and waits until it answers. */
    public void startAgain() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("node " + id + " is still running");
        }
        startedAt = Instant.now();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant limit = startedAt.plus(START_LIMIT);
        Http anonymous = Http.anonymous(port);
        while (!answers(anonymous)) {
            if (!process.isAlive() || Instant.now().isAfter(limit)) {
                process.destroyForcibly();
                throw new AssertionError("node " + id + " did not start (" + (process.isAlive() ? "still starting" : "exit " + process.exitValue())
                        + "); its log: " + log + "\n" + tail());
            }
            Thread.sleep(250);
        }
    }

    private static boolean answers(Http anonymous) {
        try {
            return anonymous.get("/actuator/health").statusCode() == 200;
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    /** SIGKILL: the JVM ends at once, nothing of it runs any more (no shutdown hooks, no job given back). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + id + " (pid " + process.pid() + ") still runs 30 s after SIGKILL");
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** When the node's current JVM was started. */
    public Instant startedAt() {
        return startedAt;
    }

    public String id() {
        return id;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** A client that calls this node as its administrator. */
    public Http admin() {
        return Http.as(port, "admin", PostgresService.ADMIN_PASSWORD);
    }

    /** The last lines of the node's log, for a failure's message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** {@code spring.config.import} of every given settings file, as one argument. */
    public static String importing(List<Path> settings) {
        return "--spring.config.import=" + String.join(",", settings.stream().map(Path::toAbsolutePath).map(p -> "file:" + p).toList());
    }
}
