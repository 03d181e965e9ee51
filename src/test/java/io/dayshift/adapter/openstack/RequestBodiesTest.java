package io.dayshift.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.compute.ServerRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact JSON Nova receives for the requests openstack4j cannot send. */
class RequestBodiesTest {

    @Test
    void disableWithReason() {
        assertThat(RequestBodies.disableWithReason("cn01", "nova-compute", "drain \"now\"").toString())
                .isEqualTo("{\"host\":\"cn01\",\"binary\":\"nova-compute\",\"disabled_reason\":\"drain \\\"now\\\"\"}");
    }

    @Test
    void liveMigrationKeepsANullHostAndAsksForAutomaticBlockMigration() {
        assertThat(RequestBodies.liveMigrate(Optional.empty()).toString())
                .isEqualTo("{\"os-migrateLive\":{\"host\":null,\"block_migration\":\"auto\"}}");
        assertThat(RequestBodies.liveMigrate(Optional.of("cn03")).toString())
                .isEqualTo("{\"os-migrateLive\":{\"host\":\"cn03\",\"block_migration\":\"auto\"}}");
        assertThat(RequestBodies.LIVE_MIGRATE).isEqualTo("2.30");
    }

    @Test
    void coldMigration() {
        assertThat(RequestBodies.coldMigrate(Optional.empty()).toString()).isEqualTo("{\"migrate\":null}");
        assertThat(RequestBodies.coldMigrate(Optional.of("cn02")).toString()).isEqualTo("{\"migrate\":{\"host\":\"cn02\"}}");
        assertThat(RequestBodies.COLD_MIGRATE).isEqualTo("2.56");
    }

    @Test
    void evacuationLetsTheSchedulerChoose() {
        assertThat(RequestBodies.evacuate().toString()).isEqualTo("{\"evacuate\":{}}");
    }

    @Test
    void bootPinnedWithAndWithoutNetwork() {
        ServerRequest pinned = new ServerRequest("smoke", "f1", "i1", Optional.of("cn01"), Optional.of("net-1"));
        ServerRequest free = new ServerRequest("smoke", "f1", "i1", Optional.empty(), Optional.empty());

        assertThat(RequestBodies.boot(pinned).toString()).isEqualTo(
                "{\"server\":{\"name\":\"smoke\",\"flavorRef\":\"f1\",\"imageRef\":\"i1\",\"networks\":[{\"uuid\":\"net-1\"}],\"host\":\"cn01\"}}");
        assertThat(RequestBodies.boot(free).toString()).isEqualTo(
                "{\"server\":{\"name\":\"smoke\",\"flavorRef\":\"f1\",\"imageRef\":\"i1\",\"networks\":\"none\"}}");
    }
}
