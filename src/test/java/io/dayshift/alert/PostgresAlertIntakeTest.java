package io.dayshift.alert;

import static io.dayshift.alert.WebhookBodies.alert;
import static io.dayshift.alert.WebhookBodies.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.testing.Http;
import io.dayshift.testing.PostgresService;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The intake on a real PostgreSQL (the {@code postgres} profile): parallel deliveries of one alert start one
 * run, where a failed insert aborts the whole transaction; the ledger table is created once and outlives a
 * restart, so a delivery after the restart joins the run too; and in a cluster (two nodes, two process engines, one
 * database) the same alert delivered ten times to each node at once starts exactly one run.
 */
class PostgresAlertIntakeTest {

    private static final String TOKEN = "alert-intake-pg-token-71d2";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final PostgresService POSTGRES = new PostgresService();

    @Test
    void parallelDeliveriesStartOneRunAndARestartKeepsIt() throws Exception {
        String body = notification("firing", alert("firing", "b0000000000000a1", "HypervisorDown", "critical", "east"));
        String started;

        // given eight deliveries of the same alert at once
        try (ConfigurableApplicationContext service = start()) {
            List<JsonResult> results = deliverInParallel(port(service), body, 8);

            // then one starts the run, the others join it
            assertThat(results).extracting(JsonResult::result).containsOnlyOnce("STARTED").hasSize(8);
            assertThat(results).extracting(JsonResult::result).filteredOn("JOINED"::equals).hasSize(7);
            started = results.get(0).processInstanceId();
            assertThat(results).extracting(JsonResult::processInstanceId).containsOnly(started);
            assertThat(runsOf(service)).isEqualTo(1);
        }

        // when the service restarts and Alertmanager repeats the notification
        try (ConfigurableApplicationContext service = start()) {
            HttpResponse<String> again = Http.bearer(port(service), TOKEN).postJson(AlertmanagerWebhook.PATH, body);

            // then it joins the same run
            assertThat(again.statusCode()).isEqualTo(200);
            JsonResult joined = JsonResult.of(again);
            assertThat(joined.result()).isEqualTo("JOINED");
            assertThat(joined.processInstanceId()).isEqualTo(started);
            assertThat(runsOf(service)).isEqualTo(1);
        }
    }

    @Test
    void theSameAlertDeliveredTenTimesToEachOfTwoNodesAtOnceStartsOneRun() throws Exception {
        String body = notification("firing", alert("firing", "c0000000000000b2", "HypervisorDown", "critical", "east"));

        // given two nodes on the one database
        try (ConfigurableApplicationContext one = start("--camunda.bpm.process-engine-name=one", "--DAYSHIFT_NODE_ID=alerts-one");
             ConfigurableApplicationContext two = start("--camunda.bpm.process-engine-name=two", "--DAYSHIFT_NODE_ID=alerts-two")) {

            // when Alertmanager delivers one alert ten times to each of them, all at once
            List<JsonResult> results = deliverInParallel(body, 10, port(one), port(two));

            // then exactly one delivery starts a run, the other nineteen join it, on either node
            assertThat(results).hasSize(20);
            assertThat(results).extracting(JsonResult::result).containsOnlyOnce("STARTED");
            assertThat(results).extracting(JsonResult::result).filteredOn("JOINED"::equals).hasSize(19);
            String started = results.stream().filter(r -> r.result().equals("STARTED")).findFirst().orElseThrow().processInstanceId();
            assertThat(results).extracting(JsonResult::processInstanceId).containsOnly(started);
            for (ConfigurableApplicationContext node : List.of(one, two)) {
                assertThat(node.getBean(HistoryService.class).createHistoricProcessInstanceQuery()
                        .variableValueEquals("alertKey", "alert:c0000000000000b2:" + WebhookBodies.STARTS_AT).list())
                        .extracting(run -> run.getId()).containsExactly(started);
            }
            try (var connection = POSTGRES.connect(); var rows = connection.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM " + AlertLedger.TABLE + " WHERE dedupe_key = 'alert:c0000000000000b2:" + WebhookBodies.STARTS_AT + "'")) {
                rows.next();
                assertThat(rows.getLong(1)).as("ledger rows of the occurrence").isEqualTo(1);
            }
        }
    }

    private static List<JsonResult> deliverInParallel(int port, String body, int deliveries) throws Exception {
        return deliverInParallel(body, deliveries, port);
    }

    /** {@code deliveries} deliveries of {@code body} to each port, all released at once. */
    private static List<JsonResult> deliverInParallel(String body, int deliveries, int... ports) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(deliveries * ports.length);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                for (int port : ports) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        return Http.bearer(port, TOKEN).postJson(AlertmanagerWebhook.PATH, body);
                    }));
                }
            }
            go.countDown();
            List<JsonResult> results = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                results.add(JsonResult.of(response));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long runsOf(ConfigurableApplicationContext service) {
        return service.getBean(HistoryService.class).createHistoricProcessInstanceQuery()
                .variableValueEquals("alertKey", "alert:b0000000000000a1:" + WebhookBodies.STARTS_AT).count();
    }

    private static int port(ConfigurableApplicationContext service) {
        return Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    }

    private static ConfigurableApplicationContext start(String... node) {
        String east = "--dayshift.sites.east.";
        List<String> arguments = new ArrayList<>(List.of("--DAYSHIFT_ALERTS_TOKEN=" + TOKEN,
                        "--camunda.bpm.job-execution.enabled=false",
                        "--dayshift.alerts.rules[0].alertnames=HypervisorDown",
                        "--dayshift.alerts.rules[0].process=alert-test-incident",
                        east + "flavour=kolla",
                        east + "openstack.cloud=east",
                        east + "openstack.clouds-file=clouds.yaml",
                        east + "kolla.host-group=deployer",
                        east + "kolla.inventory=/etc/kolla/multinode",
                        east + "kolla.globals=/etc/kolla/globals.yml",
                        east + "ssh.deployer.hosts[0]=deploy01.example.org",
                        east + "ssh.deployer.user=dayshift",
                        east + "ssh.deployer.private-key=id_ed25519",
                        east + "ssh.deployer.known-hosts=known_hosts"));
        arguments.addAll(List.of(node));
        return POSTGRES.start(arguments.toArray(String[]::new));
    }

    private record JsonResult(String result, String processInstanceId) {
        static JsonResult of(HttpResponse<String> response) throws Exception {
            var outcome = JSON.readTree(response.body()).get("outcomes").get(0);
            return new JsonResult(outcome.get("result").asText(), outcome.get("processInstanceId").asText());
        }
    }
}
