package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestoreVariables.SITE;
import static io.dayshift.runbook.restore.DrRestoreVariables.TEST_DEADLINE;
import static io.dayshift.runbook.restore.DrRestoreVariables.TEST_DETAIL;
import static io.dayshift.runbook.restore.DrRestoreVariables.TEST_OUTCOME;
import static io.dayshift.runbook.restore.DrRestoreVariables.TEST_SERVER;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeCloudException;
import io.dayshift.compute.Flavor;
import io.dayshift.compute.Image;
import io.dayshift.compute.ServerRequest;
import io.dayshift.compute.ServerSummary;
import io.dayshift.site.Site;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The test instance of the verification: boot it, look at it until it is ACTIVE, failed or late, delete it. */
final class TestInstanceDelegates {

    static final String WAITING = "waiting";
    static final String ACTIVE = "active";
    static final String FAILED = "failed";

    private TestInstanceDelegates() {
    }

    /** {@code Task_BootTestInstance}: the smallest flavor and image (CirrOS first), wherever the scheduler places it; once per attempt. */
    @Component("bootRestoreTestInstance")
    static class Boot implements JavaDelegate {

        private final RestoreTargets targets;
        private final ComputeCloud compute;
        private final CloudInventory inventory;
        private final DrRestoreSettings settings;

        Boot(RestoreTargets targets, ComputeCloud compute, CloudInventory inventory, DrRestoreSettings settings) {
            this.targets = targets;
            this.compute = compute;
            this.inventory = inventory;
            this.settings = settings;
        }

        @Override
        public void execute(DelegateExecution execution) {
            Site site = targets.site(SITE.get(execution));
            Optional<String> booted = TEST_SERVER.find(execution);
            if (booted.isPresent() && compute.server(site, booted.get()).isPresent()) {
                Steps.record(execution, "GET /servers/" + booted.get(), booted.get(), "already booted", "");
                return;
            }
            Flavor flavor = inventory.flavors(site).stream().min(Comparator.comparingInt(Flavor::ramMb).thenComparingInt(Flavor::vcpus))
                    .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no flavor to boot the restore's test instance", 0));
            Image image = inventory.images(site).stream().filter(i -> i.status().equals("active"))
                    .min(Comparator.comparing((Image i) -> !i.name().toLowerCase(Locale.ROOT).contains("cirros")).thenComparingLong(Image::sizeBytes))
                    .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no active image to boot the restore's test instance", 0));
            String name = "dayshift-dr-test-" + execution.getProcessInstanceId();
            String id = compute.bootServer(site, new ServerRequest(name, flavor.id(), image.id(), Optional.empty(), Optional.empty()));
            TEST_SERVER.set(execution, id);
            TEST_OUTCOME.set(execution, WAITING);
            TEST_DEADLINE.set(execution, Steps.now().plus(settings.testInstanceDeadline()).toString());
            Steps.record(execution, "POST /servers name=" + name + " flavor=" + flavor.name() + " image=" + image.name(), name, "booting as " + id, "");
        }
    }

    /** {@code Task_CheckTestInstance}: ACTIVE passes, ERROR or gone fails, still building past the deadline fails. */
    @Component("checkRestoreTestInstance")
    static class Check implements JavaDelegate {

        private final RestoreTargets targets;
        private final ComputeCloud compute;

        Check(RestoreTargets targets, ComputeCloud compute) {
            this.targets = targets;
            this.compute = compute;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String id = TEST_SERVER.get(execution);
            Optional<ServerSummary> server = compute.server(targets.site(SITE.get(execution)), id);
            boolean late = Steps.now().isAfter(Instant.parse(TEST_DEADLINE.get(execution)));
            String outcome = server.filter(s -> s.status().equals("ACTIVE")).isPresent() ? ACTIVE
                    : server.isEmpty() || server.get().status().equals("ERROR") || late ? FAILED : WAITING;
            String detail = server.map(s -> "test instance " + id + " is " + s.status() + " on " + s.host().orElse("no host"))
                    .orElse("test instance " + id + " is gone") + (late && outcome.equals(FAILED) ? " (deadline passed)" : "");
            TEST_OUTCOME.set(execution, outcome);
            TEST_DETAIL.set(execution, detail);
            Steps.record(execution, "GET /servers/" + id, id, outcome, detail);
        }
    }

    /** {@code Task_DeleteTestInstance}: the verification leaves nothing behind (a server already gone is fine). */
    @Component("deleteRestoreTestInstance")
    static class Delete implements JavaDelegate {

        private final RestoreTargets targets;
        private final ComputeCloud compute;

        Delete(RestoreTargets targets, ComputeCloud compute) {
            this.targets = targets;
            this.compute = compute;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String id = TEST_SERVER.get(execution);
            compute.deleteServer(targets.site(SITE.get(execution)), id);
            Steps.record(execution, "DELETE /servers/" + id, id, "deleted", "");
        }
    }
}
