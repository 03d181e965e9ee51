package io.dayshift.runbook.addcompute;

import io.dayshift.golden.Golden;
import io.dayshift.golden.GoldenPlanTest;
import io.dayshift.runbook.healthcheck.Finding;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden plans of {@code add-compute-node}: the MAAS machine, its zone and the site health check's grade and findings in
 * {@code golden/add-compute-node/<case>.yaml}; the plan the approvers read ({@link PlanComputeAdditionDelegate#describe})
 * in {@code <case>.plan.txt}.
 *
 * @see AddComputeNode the compute tag's default, {@code openstack-compute}
 */
class AddComputePlanGoldenTest extends GoldenPlanTest<AddComputePlanGoldenTest.Fixture> {

    /** @param machine the MAAS machine as {@code Task_ValidateInput} found it */
    record Fixture(String site, Machine machine, String zone, Health health) {
    }

    record Machine(String hostname, String systemId, int cpuCount, long memoryMib, long storageMb) {
    }

    /** The health check's outcome: {@code GREEN}, {@code AMBER} or {@code RED}, its summary and its findings. */
    record Health(String grade, String summary, List<Finding> findings) {
    }

    AddComputePlanGoldenTest() {
        super("add-compute-node", Fixture.class);
    }

    @Override
    protected String plan(Path fixture, Fixture f) {
        Machine m = f.machine();
        String capacity = m.cpuCount() + " CPU threads, " + m.memoryMib() + " MiB RAM, " + m.storageMb() / 1000 + " GB disk"; // as Task_ValidateInput
        String report = HealthReport.of(f.health().grade(), f.health().summary(), f.health().findings() == null ? List.of() : f.health().findings());
        return PlanComputeAdditionDelegate.describe(f.site(), Golden.sites().require(f.site()).flavour(), m.hostname(), m.systemId(),
                capacity, f.zone(), report, "openstack-compute");
    }

    /** Both approvals' tables: the addition's ({@code planTable}) and the rollback's ({@code rollbackTable}). */
    @Override
    protected Object table(Path fixture, Fixture f) {
        Machine m = f.machine();
        String capacity = m.cpuCount() + " CPU threads, " + m.memoryMib() + " MiB RAM, " + m.storageMb() / 1000 + " GB disk";
        var flavour = Golden.sites().require(f.site()).flavour();
        java.util.Map<String, Object> tables = new java.util.LinkedHashMap<>();
        tables.put("planTable", AdditionTables.addition(f.site(), flavour, m.hostname(), m.systemId(), capacity, f.zone(),
                f.health().findings() == null ? List.of() : f.health().findings(), "openstack-compute"));
        tables.put("rollbackTable", AdditionTables.rollback(f.site(), flavour, m.hostname()));
        return tables;
    }
}
