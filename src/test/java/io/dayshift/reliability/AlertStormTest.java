package io.dayshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.testing.Http;
import io.dayshift.testing.PostgresService;
import io.dayshift.testing.RunningServiceNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 4, one alert delivered twenty times: two nodes on one PostgreSQL; the same Alertmanager alert is posted 10
 * times to each node, all twenty deliveries released at once. Exactly one Sev-1 run must exist; every delivery is
 * answered 200, one with {@code STARTED} and the others with {@code JOINED} and that run's id.
 */
@ReliabilityScenario
class AlertStormTest {

    private static final String TOKEN = "reliability-alert-token";
    private static final int PER_NODE = 10;
    private static final String SITE = "alerts";

    @RegisterExtension
    static PostgresService database = new PostgresService();

    @Test
    void theSameAlertDeliveredTenTimesToBothNodesAtOnceStartsExactlyOneSev1Run() throws Exception {
        Figures figures = new Figures("alerts");
        try (Drill drill = Drill.start("alerts", SITE + "=" + Runbook.TOPOLOGY, database)) {
            RunningServiceNode first = drill.node("node-1", "--dayshift.alerts.token=" + TOKEN);
            RunningServiceNode second = drill.node("node-2", "--dayshift.alerts.token=" + TOKEN);
            String alert = """
                    {"version":"4","status":"firing","receiver":"dayshift","groupKey":"{}:{alertname=\\"HypervisorDown\\"}",
                     "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://alertmanager:9093",
                     "alerts":[{"status":"firing","labels":{"alertname":"HypervisorDown","severity":"critical","site":"%s"},
                                "annotations":{"summary":"Hypervisor cn03 is down"},"startsAt":"2026-11-21T09:59:30Z",
                                "endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"5eed0f5eed0f5eed"}]}""".formatted(SITE);

            // when the same alert is delivered ten times to each node, all at once
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<HttpResponse<String>>> deliveries = new ArrayList<>();
            for (RunningServiceNode node : List.of(first, second)) {
                for (int i = 0; i < PER_NODE; i++) {
                    deliveries.add(() -> {
                        go.await();
                        return Http.bearer(node.port(), TOKEN).postJson("/api/alerts/alertmanager", alert);
                    });
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(deliveries.size());
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            deliveries.forEach(delivery -> answers.add(pool.submit(delivery)));
            go.countDown();
            Map<String, Integer> results = new TreeMap<>();
            List<String> runIds = new ArrayList<>();
            int delivery = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                var outcome = Drill.json(response.body()).path("outcomes").path(0);
                String result = response.statusCode() + " " + outcome.path("result").asText();
                results.merge(result, 1, Integer::sum);
                runIds.add(outcome.path("processInstanceId").asText());
                figures.row("delivery", ++delivery, "node", delivery <= PER_NODE ? first.id() : second.id(), "status", response.statusCode(),
                        "result", outcome.path("result").asText(), "run", outcome.path("processInstanceId").asText());
            }
            pool.shutdown();

            // then there is exactly one Sev-1 run, and every delivery names it
            var runs = Drill.json(Drill.ok(first.admin().get("/engine-rest/history/process-instance?processDefinitionKey=sev1-incident")));
            figures.summary("deliveries", deliveries.size());
            figures.summary("answers", results);
            figures.summary("sev1_runs", runs.size());
            figures.summary("distinct_run_ids_answered", runIds.stream().distinct().count());
            figures.write();
            assertThat(runs).as("Sev-1 runs").hasSize(1);
            assertThat(results).as("answers").containsOnlyKeys("200 STARTED", "200 JOINED").containsEntry("200 STARTED", 1);
            assertThat(runIds).as("the run each delivery names").containsOnly(runs.get(0).path("id").asText());
        }
    }
}
