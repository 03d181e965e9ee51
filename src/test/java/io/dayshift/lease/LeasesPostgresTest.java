package io.dayshift.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.access.Roles;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.PostgresService;
import io.dayshift.testing.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Leases on a real PostgreSQL shared by two nodes (two services, two process engines, one database): two drains of one
 * host started at the same moment on the two nodes — exactly one starts, the other is refused naming it; and its lease
 * holds across a restart of the node that took it, until its run is cancelled.
 */
class LeasesPostgresTest {

    @RegisterExtension
    static final PostgresService POSTGRES = new PostgresService();

    @Test
    void twoNodesStartingDrainsOfOneHostAtOnceStartExactlyOne() throws Exception {
        try (ConfigurableApplicationContext first = node("one"); ConfigurableApplicationContext second = node("two")) {
            for (ConfigurableApplicationContext node : List.of(first, second)) {
                Users.ensure(node.getBean(IdentityService.class), "olga", Roles.OPS_LEADS);
                Users.ensure(node.getBean(IdentityService.class), "oscar", Roles.OPS_LEADS);
            }
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<String>> starts = new ArrayList<>();
            starts.add(pool.submit(drain(first, "olga", together)));
            starts.add(pool.submit(drain(second, "oscar", together)));
            List<String> started = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (Future<String> start : starts) {
                try {
                    started.add(start.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(AuthorizationException.class);
                    refused.add(e.getCause().getMessage());
                }
            }
            pool.shutdown();

            assertThat(started).as("refused: %s", refused).hasSize(1);
            assertThat(refused).singleElement().asString().contains("cn03 on lab is held by drain cn03 @ lab (drain-compute-node, run " + started.get(0) + ")");
            assertThat(first.getBean(LeaseStore.class).all()).extracting(Lease::run).containsExactly(started.get(0));
        }

        // and the lease holds across a restart of the service, until its run is cancelled
        try (ConfigurableApplicationContext again = node("one")) {
            LeaseStore store = again.getBean(LeaseStore.class);
            assertThat(store.all()).hasSize(1);
            RuntimeService runtime = again.getBean(RuntimeService.class);
            runtime.deleteProcessInstance(store.all().get(0).run(), "cancelled");
            assertThat(store.all()).isEmpty();
        }
    }

    private static Callable<String> drain(ConfigurableApplicationContext node, String user, CyclicBarrier together) {
        return () -> {
            IdentityService identity = node.getBean(IdentityService.class);
            together.await();
            identity.setAuthentication(user, List.of(Roles.OPS_LEADS));
            try {
                return node.getBean(RuntimeService.class).startProcessInstanceByKey("drain-compute-node",
                        Map.of("site", "lab", "host", "cn03", "reason", "disk swap")).getId();
            } finally {
                identity.clearAuthentication();
            }
        };
    }

    private static ConfigurableApplicationContext node(String name) {
        return POSTGRES.start("--server.port=" + LabTests.freePort(),
                "--camunda.bpm.process-engine-name=" + name,
                "--dayshift.lab.enabled=true",
                "--dayshift.lab.directory=" + LabTests.tempDirectory("LeasesPostgresTest-" + name + "-"),
                "--dayshift.lab.sites.lab=lab/drain-kolla.yaml",
                "--dayshift.lab.sites.lab-charmed=lab/small-charmed.yaml",
                "--camunda.bpm.job-execution.enabled=false");
    }
}
