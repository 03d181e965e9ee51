package io.dayshift.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineQuery;
import io.dayshift.testing.MaasApiServer;
import io.dayshift.testing.ServiceTest;
import io.dayshift.testing.TestSshServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs that fail talking to a site's tools leave no secret behind: not in the log, not in the
 * engine's tables (variables, history, incidents, job exception stack traces), not in the evidence journal. Three failures: MAAS
 * refuses the API key; a MAAS (or a proxy in front of it) echoes the credentials in its error; an
 * SSH host presents a key that is not in known_hosts.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTest {

    private static final String SERVER_KEY = "ck4dayshift:tk4dayshift:ServerSideTokenSecret7781";
    private static final String CONFIGURED_KEY = "ck4dayshift:tk4dayshift:ConfiguredTokenSecret9912";
    private static final String CONFIGURED_SECRET = "ConfiguredTokenSecret9912";

    private static final Path DIR = tempDir();
    private static final MaasApiServer MAAS = MaasApiServer.start(SERVER_KEY);
    private static final HttpServer ECHOING_MAAS = echoingServer();
    private static final TestSshServer SSH = TestSshServer.start();

    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void sites(DynamicPropertyRegistry registry) throws IOException {
        Path keyFile = Files.writeString(DIR.resolve("maas-api-key"), CONFIGURED_KEY + "\n");
        Path clouds = Files.writeString(DIR.resolve("clouds.yaml"), "clouds: {}\n");
        Path wrongKnownHosts = SSH.writeKnownHosts("other_known_hosts", TestSshServer.newKeyPair().getPublic());
        site(registry, "refused", "http://127.0.0.1:" + MAAS.url().getPort() + "/MAAS", keyFile, clouds);
        site(registry, "echoing", "http://127.0.0.1:" + ECHOING_MAAS.getAddress().getPort() + "/MAAS", keyFile, clouds);
        site(registry, "strange-host", "http://127.0.0.1:1/MAAS", keyFile, clouds);
        String group = "dayshift.sites.strange-host.ssh.deployer.";
        registry.add(group + "hosts", () -> "127.0.0.1");
        registry.add(group + "port", SSH::port);
        registry.add(group + "user", () -> TestSshServer.USER);
        registry.add(group + "private-key", () -> SSH.endpoint().privateKey().toString());
        registry.add(group + "known-hosts", wrongKnownHosts::toString);
    }

    private static void site(DynamicPropertyRegistry registry, String name, String maasUrl, Path keyFile, Path clouds) {
        String prefix = "dayshift.sites." + name + ".";
        registry.add(prefix + "flavour", () -> "kolla");
        registry.add(prefix + "openstack.cloud", () -> name);
        registry.add(prefix + "openstack.clouds-file", clouds::toString);
        registry.add(prefix + "maas.url", () -> maasUrl);
        registry.add(prefix + "maas.api-key", () -> "file:" + keyFile);
        registry.add(prefix + "kolla.host-group", () -> "deployer");
        registry.add(prefix + "kolla.inventory", () -> "/etc/kolla/multinode");
        registry.add(prefix + "kolla.globals", () -> "/etc/kolla/globals.yml");
        if (!name.equals("strange-host")) {
            registry.add(prefix + "ssh.deployer.hosts", () -> "127.0.0.1");
            registry.add(prefix + "ssh.deployer.user", () -> "dayshift");
            registry.add(prefix + "ssh.deployer.private-key", () -> "/nonexistent/id");
            registry.add(prefix + "ssh.deployer.known-hosts", () -> "/nonexistent/known_hosts");
        }
    }

    @AfterAll
    static void stopServers() throws IOException {
        MAAS.close();
        ECHOING_MAAS.stop(0);
        SSH.close();
    }

    @TestConfiguration
    static class Probe {
        /** Lists MAAS machines, or reads the Kolla release over SSH, of the run's site. */
        @Bean
        JavaDelegate probeSite(Sites sites, MachineProvisioner machines, KollaDeployer kolla) {
            return execution -> {
                Site site = sites.require((String) execution.getVariable("site"));
                if ("ssh".equals(execution.getVariable("tool"))) {
                    kolla.openstackRelease(site);
                } else {
                    machines.listMachines(site, MachineQuery.all());
                }
            };
        }
    }

    @Test
    void failedRunsLeaveNoSecretInLogsOrEngineTables(CapturedOutput output) throws Exception {
        String privateKey = Files.readString(SSH.endpoint().privateKey());
        String privateKeyBody = privateKey.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

        // when three runs fail all their retries against the sites' tools
        List<String> runs = List.of(
                failToIncident(Map.of("site", "refused", "tool", "maas")),
                failToIncident(Map.of("site", "echoing", "tool", "maas")),
                failToIncident(Map.of("site", "strange-host", "tool", "ssh")));

        // then each incident says what failed, naming the site and what was tried
        List<String> messages = runs.stream()
                .map(id -> runtime.createIncidentQuery().processInstanceId(id).singleResult())
                .map(Incident::getIncidentMessage)
                .toList();
        assertThat(messages.get(0)).contains("refused");
        assertThat(messages.get(1)).contains("echoing");
        assertThat(messages.get(2)).containsIgnoringCase("host key").contains("127.0.0.1");

        // and no secret is in the log or anywhere in the engine's tables
        String everything = output.getAll() + "\n" + engineTablesAsText();
        assertThat(everything).contains("Task_ProbeSite").contains("CALL_NOT_COMMITTED").contains("JOB_FAILED");
        for (String secret : List.of(CONFIGURED_SECRET, SERVER_KEY, "ServerSideTokenSecret7781", privateKeyBody)) {
            assertThat(everything).as("secret %s", secret.substring(0, 6) + "…").doesNotContain(secret);
        }
    }

    private String failToIncident(Map<String, Object> variables) {
        String id = runtime.startProcessInstanceByKey("site-probe", variables).getId();
        for (int attempt = 0; attempt < 5; attempt++) {
            Job job = management.createJobQuery().processInstanceId(id).singleResult();
            if (job.getRetries() == 0) {
                return id;
            }
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException expected) {
                // the step fails; the engine records it and retries
            }
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(id).count()).isEqualTo(1);
        return id;
    }

    /** Every text and binary column of every engine table, as text. */
    private String engineTablesAsText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            for (String pattern : List.of("ACT_%", "DAYSHIFT_EVIDENCE%")) {
                try (ResultSet rs = connection.getMetaData().getTables(null, null, pattern, new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertThat(tables).contains("ACT_GE_BYTEARRAY", "ACT_HI_INCIDENT", "ACT_RU_INCIDENT", "ACT_HI_VARINST", "DAYSHIFT_EVIDENCE");
            for (String table : tables) {
                try (ResultSet rs = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            if (value instanceof byte[] bytes) {
                                all.append(new String(bytes, StandardCharsets.UTF_8));
                            } else if (value instanceof Blob blob) {
                                all.append(new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8));
                            } else if (value instanceof Clob clob) {
                                all.append(clob.getSubString(1, (int) clob.length()));
                            } else if (value != null) {
                                all.append(value);
                            }
                            all.append('\t');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    /** An HTTP server that, like a careless proxy, answers 400 with the request's credentials in the body. */
    private static HttpServer echoingServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = ("Bad Request: could not use credentials "
                        + exchange.getRequestHeaders().getFirst("Authorization")).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(400, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("secrets-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
