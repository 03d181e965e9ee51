package io.dayshift.adapter.openstack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.site.Flavour;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.openstack4j.model.network.Network;

/**
 * Runs the {@link ComputeCloudContract} against the real OpenStack lab on loopback (three fake compute
 * hosts cn01..cn03). Runs only under {@code ./mvnw verify -Popenstack-lab} and only when the lab
 * answers; otherwise every test is skipped with a message saying how to start it.
 *
 * <p>Credentials come from the {@code OS_*} variables of the environment when {@code OS_AUTH_URL} is
 * set, otherwise from the output of {@code openstack-lab.sh env}. The script is looked up at
 * {@code -Dopenstack-lab.script=...}, by default {@code ../shared/openstack-lab/openstack-lab.sh}
 * relative to the project; it is also used to restart a compute host after an evacuation.
 */
class RealOpenStackLabContractTest extends ComputeCloudContract {

    static final String SITE = "openstack-lab";
    private static final String HOW_TO_START = "start the lab with '../shared/openstack-lab/openstack-lab.sh up' "
            + "(as root), then run './mvnw verify -Popenstack-lab'";

    @TempDir
    static Path temp;

    private static Site site;
    private static OpenStackCalls calls;
    private static ComputeCloud compute;
    private static CloudInventory inventory;
    private static Optional<String> network = Optional.empty();
    /** Why the lab cannot be used, or null when it can. */
    private static String unavailable;

    @BeforeAll
    static void connectToTheLab() throws IOException {
        unavailable = whyUnavailable();
        if (unavailable != null) {
            return;
        }
        Map<String, String> env = labEnvironment();

        Path clouds = temp.resolve("clouds.yaml");
        Files.writeString(clouds, cloudsYaml(env));
        site = new Site(SITE, Flavour.KOLLA, false, new Site.OpenStack(SITE, clouds), null, null,
                new Site.Kolla("deployer", temp.resolve("inventory"), temp.resolve("globals.yml"), temp),
                Map.of("deployer", new Site.HostGroup(List.of("localhost"), 22, "unused", temp.resolve("key"), temp.resolve("known_hosts"))),
                null, null);
        calls = new OpenStackCalls(new Secrets(), OpenStackProperties.defaults(), Clock.systemUTC());
        compute = new OpenStackComputeCloud(calls, 2); // a tiny page size, so that listings really paginate
        inventory = new OpenStackCloudInventory(calls);
        network = calls.call(site, "find network", "private", os -> os.networking().network().list().stream()
                .filter(n -> n.getName().equals("private")).map(Network::getId).findFirst());
    }

    /** Checked per test rather than in {@code @BeforeAll}, so that every test is reported as skipped. */
    @Override
    protected void assumeCloudAvailable() {
        assumeTrue(unavailable == null, unavailable);
    }

    private static String whyUnavailable() {
        if (!Boolean.getBoolean("openstack-lab.enabled")) {
            return "the real OpenStack lab tests run only under the Maven profile openstack-lab: " + HOW_TO_START;
        }
        Map<String, String> env = labEnvironment();
        if (!env.containsKey("OS_AUTH_URL")) {
            return "no OS_AUTH_URL in the environment nor from " + script() + " env: " + HOW_TO_START;
        }
        URI auth = URI.create(env.get("OS_AUTH_URL"));
        if (!reachable(auth)) {
            return "the OpenStack lab does not answer at " + auth + ": " + HOW_TO_START;
        }
        return null;
    }

    @AfterAll
    static void release() {
        if (calls != null) {
            calls.close();
        }
    }

    @Override
    protected ComputeCloud compute() {
        return compute;
    }

    @Override
    protected CloudInventory inventory() {
        return inventory;
    }

    @Override
    protected Site site() {
        return site;
    }

    @Override
    protected List<String> computeHosts() {
        return List.of("cn01", "cn02", "cn03");
    }

    @Override
    protected Optional<String> networkId() {
        return network;
    }

    @Override
    protected void restartComputeService(String host) {
        try {
            Process process = new ProcessBuilder(script().toString(), "restart", "nova-compute-" + host)
                    .redirectErrorStream(true)
                    .redirectOutput(temp.resolve("restart-" + host + ".log").toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroy();
                throw new IllegalStateException("restarting nova-compute-" + host + " failed; see " + temp.resolve("restart-" + host + ".log"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- where the lab is ---------------------------------------------------------------------

    static Path script() {
        return Path.of(System.getProperty("openstack-lab.script", "../shared/openstack-lab/openstack-lab.sh")).toAbsolutePath().normalize();
    }

    /** OS_* from the environment, else parsed from {@code openstack-lab.sh env} ({@code export OS_X=value} lines). */
    static Map<String, String> labEnvironment() {
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

    static String cloudsYaml(Map<String, String> env) {
        return LabEnv.cloudsYaml(SITE, env);
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
