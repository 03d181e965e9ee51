package io.dayshift.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the real OpenStack lab on loopback is ({@code ../shared/openstack-lab}), how to reach it and whether a test may use
 * it: only under the Maven profile {@code openstack-lab} and only when it answers. One place for the contract tests and
 * the runbooks run against it.
 *
 * <p>Credentials come from the {@code OS_*} variables of the environment when {@code OS_AUTH_URL} is set, otherwise from
 * the output of {@code openstack-lab.sh env}. The script is looked up at {@code -Dopenstack-lab.script=...}, by default
 * {@code ../shared/openstack-lab/openstack-lab.sh} relative to the project.
 */
public final class RealOpenStackLab {

    public static final String HOW_TO_START = "start the lab with '../shared/openstack-lab/openstack-lab.sh up' "
            + "(as root), then run './mvnw verify -Popenstack-lab'";

    private RealOpenStackLab() {
    }

    /** Why the lab cannot be used, or null when it can. */
    public static String whyUnavailable() {
        if (!Boolean.getBoolean("openstack-lab.enabled")) {
            return "the real OpenStack lab tests run only under the Maven profile openstack-lab: " + HOW_TO_START;
        }
        Map<String, String> env = environment();
        if (!env.containsKey("OS_AUTH_URL")) {
            return "no OS_AUTH_URL in the environment nor from " + script() + " env: " + HOW_TO_START;
        }
        URI auth = URI.create(env.get("OS_AUTH_URL"));
        if (!reachable(auth)) {
            return "the OpenStack lab does not answer at " + auth + ": " + HOW_TO_START;
        }
        return null;
    }

    public static Path script() {
        return Path.of(System.getProperty("openstack-lab.script", "../shared/openstack-lab/openstack-lab.sh")).toAbsolutePath().normalize();
    }

    /** OS_* from the environment, else parsed from {@code openstack-lab.sh env} ({@code export OS_X=value} lines). */
    public static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (System.getenv("OS_AUTH_URL") != null) {
            System.getenv().forEach((k, v) -> {
                if (k.startsWith("OS_")) {
                    env.put(k, v);
                }
            });
            return env;
        }
        if (!Files.isExecutable(script())) {
            return env;
        }
        try {
            Process process = new ProcessBuilder(script().toString(), "env").redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroy();
                return env;
            }
            return LabEnv.parse(out);
        } catch (IOException e) {
            return env;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return env;
        }
    }

    /** {@code openstack-lab.sh restart nova-compute-<host>}, its output in {@code logDirectory}; fails when it fails. */
    public static void restartComputeService(String host, Path logDirectory) {
        run(logDirectory.resolve("restart-" + host + ".log"), "restart", "nova-compute-" + host);
    }

    /** {@code openstack-lab.sh stop <name>} (e.g. {@code nova-compute-cn02}): the host dies, as Nova sees it. */
    public static void stopService(String name, Path logDirectory) {
        run(logDirectory.resolve("stop-" + name + ".log"), "stop", name);
    }

    private static void run(Path log, String... arguments) {
        List<String> command = new ArrayList<>(List.of(script().toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroy();
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean reachable(URI uri) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
