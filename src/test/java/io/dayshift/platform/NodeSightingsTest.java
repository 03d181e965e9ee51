package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two running nodes with one identity notice it: the earlier one on its next mark, the later one at its start. */
class NodeSightingsTest {

    private final JdbcTemplate jdbc = new JdbcTemplate(database());

    private static JdbcDataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:sightings-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static NodeIdentity node(String id) {
        return new NodeIdentity(new NodeProperties(id, Path.of("unused")));
    }

    @Test
    void aNodeAloneWithItsIdentityIsSeenWithoutComplaint() {
        NodeSightings ops1 = new NodeSightings(jdbc, node("ops-1"), "host-a");

        assertThat(ops1.arrive()).isEmpty();
        assertThat(ops1.markSeen()).isEmpty();
        assertThat(new NodeSightings(jdbc, node("ops-2"), "host-b").arrive()).as("another identity").isEmpty();
        assertThat(ops1.markSeen()).isEmpty();
    }

    @Test
    void aRestartFindsItsPreviousStartAndTakesTheIdentityOver() {
        NodeSightings before = new NodeSightings(jdbc, node("ops-1"), "host-a");
        before.arrive();

        NodeSightings after = new NodeSightings(jdbc, node("ops-1"), "host-a");
        assertThat(after.arrive()).hasValueSatisfying(previous -> assertThat(previous.host()).isEqualTo("host-a"));
        assertThat(after.markSeen()).isEmpty();
    }

    @Test
    void aSecondNodeStartedWithTheSameIdentityIsNoticedByTheFirst() {
        NodeSightings first = new NodeSightings(jdbc, node("ops-1"), "host-a");
        first.arrive();

        // when a node on another host starts with the same identity
        NodeSightings second = new NodeSightings(jdbc, node("ops-1"), "host-b");
        assertThat(second.arrive()).hasValueSatisfying(previous -> assertThat(previous.host()).isEqualTo("host-a"));

        // then the first one finds its identity claimed by the other start on its next mark, and the second goes on
        assertThat(first.markSeen()).hasValueSatisfying(other -> assertThat(other.host()).isEqualTo("host-b"));
        assertThat(second.markSeen()).isEmpty();
    }
}
