package io.dayshift.adapter.juju;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Action results of Juju 3 ({@code juju run}) and Juju 2.9 ({@code juju run-action --wait}). */
class JujuActionParserTest {

    private final JujuActionParser parser = new JujuActionParser(new ObjectMapper());

    @Test
    void readsACompletedJuju3Task() {
        JujuActionParser.Task task = parser.parse(Fixtures.read("juju3-run-action-completed.json"), "mysql/0").orElseThrow();

        assertThat(task.succeeded()).isTrue();
        assertThat(task.id()).isEqualTo("42");
        assertThat(task.returnCode()).isZero();
        assertThat(task.stdout()).isEqualTo("OUT");
        assertThat(task.stderr()).isEqualTo("ERR");
        assertThat(task.results()).containsEntry("username", "user").containsEntry("password", "pass").doesNotContainKeys("return-code", "stdout");
    }

    @Test
    void readsAFailedJuju3Task() {
        JujuActionParser.Task task = parser.parse(Fixtures.read("juju3-run-action-failed.json"), "mysql/0").orElseThrow();

        assertThat(task.succeeded()).isFalse();
        assertThat(task.status()).isEqualTo("failed");
        assertThat(task.message()).isEqualTo("Failure message");
    }

    @Test
    void readsAnUncaughtCharmException() {
        JujuActionParser.Task task = parser.parse(Fixtures.read("juju3-run-action-uncaught-exception.json"), "mysql/0").orElseThrow();

        assertThat(task.succeeded()).isFalse();
        assertThat(task.returnCode()).isEqualTo(1);
        assertThat(task.stderr()).contains("Uncaught Exception");
    }

    @Test
    void readsJuju29OutputKeyedByUnitTag() {
        // Shape of `juju run-action nova-compute/0 instance-count --wait --format=json` on Juju 2.9 (top-level key is the unit tag).
        String json = """
                {"unit-nova-compute-0":{"id":"7","results":{"instance-count":"0","return-code":0},"status":"completed",
                 "timing":{"completed":"2023-07-12 10:00:02 +0000 UTC","enqueued":"2023-07-12 10:00:00 +0000 UTC"},"unit":"nova-compute/0"}}
                """;

        JujuActionParser.Task task = parser.parse(json, "nova-compute/0").orElseThrow();

        assertThat(task.succeeded()).isTrue();
        assertThat(task.id()).isEqualTo("7");
        assertThat(task.results()).containsEntry("instance-count", "0");
    }

    @Test
    void nestedResultsAreFlattened() {
        String json = "{\"a/0\":{\"id\":\"1\",\"status\":\"completed\",\"results\":{\"outer\":{\"inner\":\"v\"},\"Code\":\"0\"}}}";

        JujuActionParser.Task task = parser.parse(json, "a/0").orElseThrow();

        assertThat(task.results()).containsExactly(java.util.Map.entry("outer.inner", "v"));
        assertThat(task.returnCode()).isZero();
    }

    @Test
    void somethingElseIsNotATask() {
        assertThat(parser.parse("ERROR action \"nope\" not defined for unit \"mysql/0\"", "mysql/0")).isEmpty();
        assertThat(parser.parse("{}", "mysql/0")).isEmpty();
    }
}
