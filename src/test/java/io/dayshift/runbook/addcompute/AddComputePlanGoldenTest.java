package io.dayshift.runbook.addcompute;

import io.dayshift.golden.Golden;
import io.dayshift.runbook.healthcheck.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden plans of {@code add-compute-node}: the MAAS machine, its zone and the site health check's grade and findings in
 * {@code golden/add-compute-node/<case>.yaml}; the plan the approvers read ({@link PlanComputeAdditionDelegate#describe})
 * in {@code <case>.plan.txt}.
 *
 * @see AddComputeNode the compute tag's default, {@code openstack-compute}
 */
class AddComputePlanGoldenTest {

    /** @param machine the MAAS machine as {@code Task_ValidateInput} found it */
    record Fixture(String site, Machine machine, String zone, Health health) {
    }

    record Machine(String hostname, String systemId, int cpuCount, long memoryMib, long storageMb) {
    }

    /** The health check's outcome: {@code GREEN}, {@code AMBER} or {@code RED}, its summary and its findings. */
    record Health(String grade, String summary, List<Finding> findings) {
    }

    static Stream<Path> cases() {
        return Golden.cases("add-compute-node");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planMatchesGolden(Path fixture) {
        Fixture f = Golden.read(fixture, Fixture.class);
        Machine m = f.machine();
        String capacity = m.cpuCount() + " CPU threads, " + m.memoryMib() + " MiB RAM, " + m.storageMb() / 1000 + " GB disk"; // as Task_ValidateInput
        String report = HealthReport.of(f.health().grade(), f.health().summary(), f.health().findings() == null ? List.of() : f.health().findings());
        Golden.verify(fixture, PlanComputeAdditionDelegate.describe(f.site(), Golden.sites().require(f.site()).flavour(), m.hostname(), m.systemId(),
                capacity, f.zone(), report, "openstack-compute"));
    }
}
