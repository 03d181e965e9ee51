package io.dayshift.alert;

import static io.dayshift.alert.WebhookBodies.alert;
import static io.dayshift.alert.WebhookBodies.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.testing.Http;
import io.dayshift.testing.PackagedService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not part of {@code ./mvnw verify} (its name does not end in Test): 1,000 Alertmanager webhook deliveries,
 * each one firing {@code HypervisorDown}/critical alert of its own (distinct fingerprints, site {@code lab}), the bodies
 * as Alertmanager sends them ({@link WebhookBodies}), posted over HTTP by four senders at once to the packaged service
 * started as a user starts it ({@code java -jar}, default start, the built-in lab with instant operations:
 * {@code --dayshift.lab.time-factor=0}), so 1,000 {@code sev1-incident} runs start. It reports, p50, p99 and the slowest:
 * <ul>
 *   <li><b>answer</b>: from sending the request to having the intake's answer (200, the run STARTED);</li>
 *   <li><b>first action</b>: from sending the request to the end of the incident's first step that talks to the site,
 *   {@code Task_CheckComputeServices} of the {@code site-health-check} the incident calls (it reads Nova's compute
 *   services), its end time from the run's history; sender and service share the machine's clock.</li>
 * </ul>
 * Package first, then run it:
 *
 * <pre>
 * ./mvnw -o package -DskipTests
 * ./mvnw -o test -Dtest=AlertIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * {@code -Dalerts.count=1000}, {@code -Dalerts.senders=4} and {@code -Dservice.jar=<path>} change what is measured. It
 * prints the figures and writes them to {@code target/benchmarks/alert-intake.txt}.
 */
class AlertIntakeBenchmark {

    private static final String TOKEN = "alert-intake-benchmark-token-7d21";
    private static final String ADMIN_PASSWORD = "alert-intake-benchmark-admin-5e0b";
    private static final String FIRST_ACTION = "Task_CheckComputeServices";
    private static final Duration PATIENCE = Duration.ofMinutes(40);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ENGINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    record Delivery(String fingerprint, Instant sent, long answerMillis, String processInstanceId) {
    }

    @Test
    void thousandAlerts() throws Exception {
        int count = Integer.getInteger("alerts.count", 1000);
        int senders = Integer.getInteger("alerts.senders", 4);
        try (PackagedService service = PackagedService.launch(List.of(), List.of("--dayshift.lab.time-factor=0"),
                Map.of("DAYSHIFT_ALERTS_TOKEN", TOKEN, "DAYSHIFT_ADMIN_PASSWORD", ADMIN_PASSWORD))) {
            service.awaitHealthy(Duration.ofMinutes(5));
            Http alertmanager = Http.bearer(service.port(), TOKEN);
            Http admin = Http.as(service.port(), "admin", ADMIN_PASSWORD);

            // when Alertmanager delivers 1,000 distinct alerts, four deliveries at a time
            List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger next = new AtomicInteger();
            Instant first = Instant.now();
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            List<Future<?>> sending = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                sending.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String fingerprint = String.format("b%015x", i);
                        String body = notification("firing", alert("firing", fingerprint, "HypervisorDown", "critical", "lab"));
                        Instant sent = Instant.now();
                        long t0 = System.nanoTime();
                        HttpResponse<String> answer = alertmanager.postJson(AlertmanagerWebhook.PATH, body);
                        long millis = (System.nanoTime() - t0) / 1_000_000;
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                        JsonNode outcome = read(answer.body()).path("outcomes").path(0);
                        assertThat(outcome.path("result").asText()).as(answer.body()).isEqualTo("STARTED");
                        deliveries.add(new Delivery(fingerprint, sent, millis, outcome.path("processInstanceId").asText()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sending) {
                f.get();
            }
            pool.shutdown();
            Duration delivering = Duration.between(first, Instant.now());

            // then every incident reaches its first action on the site
            Instant limit = Instant.now().plus(PATIENCE);
            long done;
            while ((done = count(admin, "/engine-rest/history/activity-instance/count?activityId=" + FIRST_ACTION + "&finished=true")) < count) {
                assertThat(Instant.now()).as("%d of %d incidents reached %s within %s", done, count, FIRST_ACTION, PATIENCE).isBefore(limit);
                Thread.sleep(2000);
            }
            Duration allFirstActions = Duration.between(first, Instant.now());
            Map<String, String> incidentOfCheck = new HashMap<>();
            for (JsonNode check : read(admin.get("/engine-rest/history/process-instance?processDefinitionKey=site-health-check&maxResults="
                    + (count * 2)).body())) {
                incidentOfCheck.put(check.path("id").asText(), check.path("superProcessInstanceId").asText());
            }
            Map<String, Instant> firstAction = new ConcurrentHashMap<>();
            for (JsonNode activity : read(admin.get("/engine-rest/history/activity-instance?activityId=" + FIRST_ACTION
                    + "&finished=true&maxResults=" + (count * 2)).body())) {
                Instant ended = OffsetDateTime.parse(activity.path("endTime").asText(), ENGINE_TIME).toInstant();
                firstAction.merge(incidentOfCheck.get(activity.path("processInstanceId").asText()), ended,
                        (a, b) -> a.isBefore(b) ? a : b);
            }
            List<Long> answers = deliveries.stream().map(Delivery::answerMillis).sorted().toList();
            List<Long> toFirstAction = deliveries.stream().map(d -> {
                Instant ended = firstAction.get(d.processInstanceId());
                assertThat(ended).as("first action of the incident of alert %s", d.fingerprint()).isNotNull();
                return Duration.between(d.sent(), ended).toMillis();
            }).sorted().toList();

            String report = "Alert intake: " + count + " distinct firing alerts (HypervisorDown, critical, site lab), one per delivery, "
                    + senders + " senders at once, to java -jar " + PackagedService.jar().getFileName()
                    + " (default start, lab time factor 0); " + Runtime.getRuntime().availableProcessors() + " cores\n\n"
                    + String.format("%-44s %8s %8s %8s%n", "", "p50", "p99", "slowest")
                    + line("intake answer (request sent -> 200 STARTED)", answers)
                    + line("first action (request sent -> " + FIRST_ACTION + " ended)", toFirstAction)
                    + String.format("%ndeliveries took %.1f s (%.0f alerts/s); the last first action ended %.1f s after the first delivery%n",
                    delivering.toMillis() / 1000.0, count * 1000.0 / delivering.toMillis(), allFirstActions.toMillis() / 1000.0);
            System.out.println(report);
            Path out = Path.of("target", "benchmarks", "alert-intake.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    private static String line(String what, List<Long> sortedMillis) {
        return String.format("%-44s %6d ms %6d ms %6d ms%n", what, percentile(sortedMillis, 50), percentile(sortedMillis, 99),
                sortedMillis.get(sortedMillis.size() - 1));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long count(Http admin, String path) {
        return read(admin.get(path).body()).path("count").asLong();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
