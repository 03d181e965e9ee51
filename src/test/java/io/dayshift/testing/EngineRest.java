package io.dayshift.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What end-to-end tests read and do through the engine's REST API ({@code /engine-rest}), as people and auditors would. */
public final class EngineRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineRest() {
    }

    /** A new engine user in {@code group}, created by the administrator, and a client that calls the service as them. */
    public static Http newUser(Http admin, int port, String id, String group) {
        String password = id + "-s3cret-pass";
        assertThat(admin.postJson("/engine-rest/user/create", "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"" + id
                + "\",\"lastName\":\"Tester\"},\"credentials\":{\"password\":\"" + password + "\"}}").statusCode()).isEqualTo(204);
        assertThat(admin.putJson("/engine-rest/group/" + group + "/members/" + id, "").statusCode()).isEqualTo(204);
        return Http.as(port, id, password);
    }

    /** The user claims the task and completes it with {@code variables} (a JSON object of REST variable values). */
    public static void claimAndComplete(Http user, String userId, JsonNode task, String variables) {
        String taskId = task.path("id").asText();
        assertThat(user.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"" + userId + "\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> done = user.postJson("/engine-rest/task/" + taskId + "/complete", "{\"variables\":" + variables + "}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    /** The run's one historic variable {@code name}, serialized values as they are stored. */
    public static JsonNode historicVariable(Http user, String runId, String name) {
        JsonNode found = json(user.get("/engine-rest/history/variable-instance?processInstanceId=" + runId + "&variableName=" + name
                + "&deserializeValues=false").body());
        assertThat(found).as(name).hasSize(1);
        return found.get(0);
    }

    /** Every historic variable of the run, by name. */
    public static Map<String, JsonNode> historicVariables(Http user, String runId) {
        HttpResponse<String> response = user.get("/engine-rest/history/variable-instance?processInstanceId=" + runId + "&deserializeValues=false");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        json(response.body()).forEach(v -> byName.put(v.path("name").asText(), v));
        return byName;
    }

    /** The steps the run recorded ({@code RunLog}), by element id, in order. */
    public static List<String> stepIds(Http user, String runId) {
        JsonNode steps = json(historicVariable(user, runId, "steps").path("value").asText()).path("steps");
        List<String> ids = new ArrayList<>();
        steps.forEach(step -> ids.add(step.path("step").asText()));
        return ids;
    }

    /** The historic run once it completed, or as it is after {@code limit}; a state other than active or completed fails. */
    public static JsonNode waitUntilCompleted(Http user, String runId, Duration limit) throws InterruptedException {
        Instant until = Instant.now().plus(limit);
        JsonNode run = json(user.get("/engine-rest/history/process-instance/" + runId).body());
        while (!run.path("state").asText().equals("COMPLETED") && Instant.now().isBefore(until)) {
            assertThat(run.path("state").asText()).as("the run of %s", runId).isIn("ACTIVE", "COMPLETED");
            Thread.sleep(250);
            run = json(user.get("/engine-rest/history/process-instance/" + runId).body());
        }
        return run;
    }

    /** The historic run once it has ended; fails as soon as the run has an incident, or after {@code limit}. */
    public static JsonNode awaitEnded(Http user, String runId, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            HttpResponse<String> response = user.get("/engine-rest/history/process-instance/" + runId);
            JsonNode run = json(response.body());
            if (!run.path("endTime").isNull() && !run.path("endTime").isMissingNode()) {
                return run;
            }
            assertThat(json(user.get("/engine-rest/incident?processInstanceId=" + runId).body())).as("incidents of run " + runId).isEmpty();
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("run " + runId + " did not end within " + limit + ": " + response.body());
            }
            Thread.sleep(200);
        }
    }

    /** The JSON of an answer that must be 200 OK. */
    public static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    /** A read over REST that {@link #waitFor} repeats. */
    public interface Read {
        JsonNode get() throws Exception;
    }

    /** Polls every 250 ms until the answer satisfies {@code done}, for at most {@code patience}. */
    public static JsonNode waitFor(Read read, Predicate<JsonNode> done, Duration patience) throws Exception {
        Instant until = Instant.now().plus(patience);
        JsonNode last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not done within " + patience + ": " + last);
            }
            Thread.sleep(250);
            last = read.get();
        }
        return last;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
