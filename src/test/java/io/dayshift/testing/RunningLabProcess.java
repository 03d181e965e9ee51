package io.dayshift.testing;

import io.dayshift.DayshiftApplication;
import io.dayshift.lab.process.LabProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lab as a process of its own, started by a test in another JVM (the service's main class with {@code lab}, on the
 * test classpath): its sites' MAAS, SSH servers and deployer answer there, and each site's settings are written into
 * {@code <directory>/<site>/} for the service to import the production way.
 */
public final class RunningLabProcess implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    private final Process process;
    private final Path directory;
    private final int port;
    private final String sites;
    private final String[] settings;

    private RunningLabProcess(Process process, Path directory, int port, String sites, String[] settings) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.sites = sites;
        this.settings = settings;
    }

    /** Starts the lab with {@code --sites sites} in {@code directory} and waits until it listens; more {@code --key=value} settings may follow. */
    public static RunningLabProcess start(Path directory, String sites, String... settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), DayshiftApplication.class.getName(),
                LabProcess.COMMAND, "--sites", sites, "--dir", directory.toString()));
        command.addAll(List.of(settings));
        Path portFile = directory.resolve(LabProcess.PORT_FILE);
        Files.deleteIfExists(portFile); // a lab started here before left it: wait for the new one's
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("lab.log").toFile())).start();
        Instant limit = Instant.now().plus(START_LIMIT);
        while (!Files.isRegularFile(portFile)) {
            if (!process.isAlive() || Instant.now().isAfter(limit)) {
                process.destroy();
                throw new AssertionError("the lab process did not start (" + (process.isAlive() ? "still running" : "exit " + process.exitValue())
                        + "):\n" + Files.readString(directory.resolve("lab.log")));
            }
            Thread.sleep(200);
        }
        return new RunningLabProcess(process, directory, Integer.parseInt(Files.readString(portFile).strip()), sites, settings);
    }

    /** Stops the lab and starts it again in its directory, as an operator would: it comes back as it was, on its port. */
    public RunningLabProcess restart() throws IOException, InterruptedException {
        close();
        return start(directory, sites, settings);
    }

    public int port() {
        return port;
    }

    /** The lab's administrator, {@code user} and {@code password}. */
    public String[] administrator() throws IOException {
        return Files.readString(directory.resolve(LabProcess.ADMIN_FILE)).strip().split(":", 2);
    }

    /** The settings file the lab wrote for {@code site}: {@code dayshift.sites.<site>} pointing at its files. */
    public Path settings(String site) {
        return directory.resolve(site).resolve(LabProcess.SITE_SETTINGS);
    }

    public Path log() {
        return directory.resolve("lab.log");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
